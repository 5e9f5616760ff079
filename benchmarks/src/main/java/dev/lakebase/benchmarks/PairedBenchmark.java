/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.lakebase.benchmarks;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;

/**
 * Benchmarks 1 and 2 once more, as paired comparisons: the starter and the plain
 * alternative in one JVM, measured in alternating one-second windows (starter first in
 * even rounds, plain first in odd ones), so that drift on the machine (the emulator's TLS
 * front shares its two cores, other load comes and goes) falls on both alike. Each round
 * gives one ratio; the report shows their median and spread. JMH, which runs each
 * benchmark in JVMs of its own one after the other, cannot cancel that drift. Each
 * comparison has an A/A control next to it: the plain alternative against an identical
 * copy of itself (a second plain pool, the same driver login), measured the same way, so
 * that the report shows how far from 1.0 a difference of zero lands on the machine.
 */
final class PairedBenchmark {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	/**
	 * What the name of a comparison of the plain alternative with itself says: its ratios
	 * are the spread of a difference of zero on this machine.
	 */
	static final String CONTROL = "A/A control";

	private PairedBenchmark() {
	}

	/**
	 * One comparison.
	 *
	 * @param name what was compared
	 * @param starterOps the starter's operations per round
	 * @param plainOps the plain alternative's operations per round
	 */
	record Row(String name, List<Long> starterOps, List<Long> plainOps) {

		/**
		 * Return the per-round ratios starter / plain.
		 * @param latency whether of latency (time per operation) rather than throughput
		 * @return the ratios, sorted
		 */
		List<Double> ratios(boolean latency) {
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < this.starterOps.size(); round++) {
				double throughput = (double) this.starterOps.get(round) / this.plainOps.get(round);
				ratios.add(latency ? 1 / throughput : throughput);
			}
			Collections.sort(ratios);
			return ratios;
		}

		double ratioPercentile(boolean latency, int percentile) {
			List<Double> sorted = ratios(latency);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index));
		}

		double starterPerSecond() {
			return perSecond(this.starterOps);
		}

		double plainPerSecond() {
			return perSecond(this.plainOps);
		}

		private static double perSecond(List<Long> ops) {
			return ops.stream().mapToLong(Long::longValue).sum() / (ops.size() * (WINDOW_NANOS / 1e9));
		}

	}

	/**
	 * Borrow + {@code SELECT 1} + return at each thread count, then a new physical
	 * connection with a cached credential vs the driver with a static password; each with
	 * its A/A control.
	 * @param rounds the rounds per comparison
	 * @param threadCounts the thread counts of the pool comparison
	 * @return one row per comparison
	 */
	static List<Row> run(int rounds, int... threadCounts) throws Exception {
		List<Row> rows = new ArrayList<>();
		try (Fixture fixture = new Fixture(); HikariDataSource secondPlain = fixture.plainPool("plain-2")) {
			PoolBenchmark.select1(fixture.starterPool);
			for (int threads : threadCounts) {
				rows.add(compare("pool, " + threads + " threads", rounds, threads,
						() -> PoolBenchmark.select1(fixture.starterPool) == 1,
						() -> PoolBenchmark.select1(fixture.plainPool) == 1));
				// The same comparison between two identical plain pools: the spread this
				// machine gives when there is no difference to find
				rows.add(compare("pool, " + threads + " threads, " + CONTROL + ": plain vs a second plain pool", rounds,
						threads, () -> PoolBenchmark.select1(secondPlain) == 1,
						() -> PoolBenchmark.select1(fixture.plainPool) == 1));
			}
			DataSource starterConnects = fixture.starterPool.getDataSource();
			org.postgresql.Driver driver = new org.postgresql.Driver();
			Properties plain = new Properties();
			plain.setProperty("user", Fixture.PLAIN_ROLE);
			plain.setProperty("password", fixture.plainPassword);
			String url = fixture.plainPool.getJdbcUrl();
			Operation starterLogin = () -> {
				try (Connection connection = starterConnects.getConnection()) {
					return !connection.isClosed();
				}
			};
			rows.add(compare("login", rounds, 1, starterLogin, driverLogin(driver, url, plain)));
			rows.add(compare("login, " + CONTROL + ": the plain driver vs itself", rounds, 1,
					driverLogin(driver, url, plain), driverLogin(driver, url, plain)));
			// The driver alone with what the starter logs in with: what the starter's own
			// code around the connect costs
			Credentials credentials = fixture.starterPool.getCredentialsProvider().getCredentials();
			Properties same = new Properties();
			same.putAll(fixture.starterPool.getDataSourceProperties());
			same.setProperty("user", credentials.getUsername());
			same.setProperty("password", credentials.getPassword());
			rows.add(compare("login, driver with the starter's URL, user and token", rounds, 1, starterLogin,
					driverLogin(driver, fixture.starterPool.getJdbcUrl(), same)));
		}
		return rows;
	}

	private static Operation driverLogin(org.postgresql.Driver driver, String url, Properties properties) {
		return () -> {
			try (Connection connection = driver.connect(url, properties)) {
				return !connection.isClosed();
			}
		};
	}

	private static Row compare(String name, int rounds, int threads, Operation starter, Operation plain)
			throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int warmUp = 0; warmUp < 3; warmUp++) {
				window(executor, threads, starter);
				window(executor, threads, plain);
			}
			List<Long> starterOps = new ArrayList<>();
			List<Long> plainOps = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				if (round % 2 == 0) {
					starterOps.add(window(executor, threads, starter));
					plainOps.add(window(executor, threads, plain));
				}
				else {
					plainOps.add(window(executor, threads, plain));
					starterOps.add(window(executor, threads, starter));
				}
			}
			return new Row(name, starterOps, plainOps);
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Run the operation on every thread for one window.
	 * @return the operations completed
	 */
	private static long window(ExecutorService executor, int threads, Operation operation) throws Exception {
		long deadline = System.nanoTime() + WINDOW_NANOS;
		List<Future<Long>> counts = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			counts.add(executor.submit(() -> {
				long ops = 0;
				while (System.nanoTime() < deadline) {
					if (!operation.run()) {
						throw new IllegalStateException("The operation did not succeed");
					}
					ops++;
				}
				return ops;
			}));
		}
		long total = 0;
		for (Future<Long> count : counts) {
			total += count.get();
		}
		return total;
	}

	@FunctionalInterface
	interface Operation {

		boolean run() throws Exception;

	}

}
