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
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import dev.lakebase.spring.jdbc.LakebaseTlsSocketFactory;

/**
 * Benchmarks 1 and 2 once more, as paired comparisons: the starter and the plain
 * alternative in one JVM, so that drift on the machine (the emulator's TLS front shares
 * its two cores, other load comes and goes) falls on both alike; JMH, which runs each
 * benchmark in JVMs of its own one after the other, cannot cancel that drift. The pools
 * are measured in alternating one-second windows (starter first in even rounds, plain
 * first in odd ones), each round giving one ratio; the logins one by one, interleaved
 * (see {@link #logins}). Each comparison has an A/A control next to it: the plain
 * alternative against an identical copy of itself (a second plain pool, the same driver
 * login), measured the same way, so that the report shows how far from 1.0 a difference
 * of zero lands on the machine.
 */
final class PairedBenchmark {

	static final long WINDOW_NANOS = 1_000_000_000L;

	static final long SEED = 42;

	/**
	 * What the name of a comparison of the plain alternative with itself says: its ratios
	 * are the spread of a difference of zero on this machine.
	 */
	static final String CONTROL = "A/A control";

	private PairedBenchmark() {
	}

	/**
	 * What the paired benchmark measured.
	 *
	 * @param pool the pool comparisons, one row each
	 * @param login the login comparisons
	 */
	record Result(List<PairedRatios> pool, List<PairedLatencies> login) {

	}

	/**
	 * Borrow + {@code SELECT 1} + return at each thread count, then a new physical
	 * connection with a cached credential vs the driver with a static password; each with
	 * its A/A control.
	 * @param rounds the rounds per pool comparison
	 * @param logins the logins per login variant
	 * @param threadCounts the thread counts of the pool comparison
	 * @return what was measured
	 */
	static Result run(int rounds, int logins, int... threadCounts) throws Exception {
		List<PairedRatios> rows = new ArrayList<>();
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
			return new Result(rows, logins(fixture, logins));
		}
	}

	/**
	 * A new physical connection with a cached credential (the starter's) vs the driver
	 * with a static password, the driver against itself (the A/A control), and the
	 * starter vs the driver with exactly what the starter logs in with. A login takes
	 * milliseconds and varies from one to the next by more than the margin of the target,
	 * so one-second windows hold too few of them to compare: each login is timed on its
	 * own instead, one of each variant per iteration in a shuffled order, so that
	 * whatever the machine does meanwhile falls on every variant alike.
	 */
	private static List<PairedLatencies> logins(Fixture fixture, int iterations) throws Exception {
		DataSource starterConnects = fixture.starterPool.getDataSource();
		org.postgresql.Driver driver = new org.postgresql.Driver();
		Properties plain = new Properties();
		plain.setProperty("user", Fixture.PLAIN_ROLE);
		plain.setProperty("password", fixture.plainPassword);
		String url = fixture.plainPool.getJdbcUrl();
		// The driver alone with the URL of the starter's connection details (its
		// ApplicationName makes pgjdbc send a SET after the login, as the starter's own
		// logins did before they told the driver the server's version), its user and
		// token
		Credentials credentials = fixture.starterPool.getCredentialsProvider().getCredentials();
		Properties same = new Properties();
		same.putAll(fixture.starterPool.getDataSourceProperties());
		same.setProperty("user", credentials.getUsername());
		same.setProperty("password", credentials.getPassword());
		// The same with the pool's login timeout, which the driver waits for on a new
		// thread for each login unless told otherwise (as the starter did before it
		// brought its own executor)
		Properties timed = new Properties();
		timed.putAll(same);
		timed.setProperty("loginTimeout", Integer.toString(starterConnects.getLoginTimeout()));
		// The driver with the server version the starter tells it but without the login
		// timeout: what the starter's login would cost if it bounded the login without
		// handing it to another thread
		Properties untimed = new Properties();
		untimed.putAll(same);
		untimed.setProperty("assumeMinServerVersion", "16");
		// The same with the TLS context the starter shares between logins instead of the
		// driver's own factory, which builds one per login: what session resumption saves
		Properties shared = new Properties();
		shared.putAll(untimed);
		shared.setProperty("sslfactory", LakebaseTlsSocketFactory.class.getName());
		List<Operation> variants = List.of(() -> {
			try (Connection connection = starterConnects.getConnection()) {
				return !connection.isClosed();
			}
		}, driverLogin(driver, url, plain), driverLogin(driver, url, plain),
				driverLogin(driver, fixture.starterPool.getJdbcUrl(), same),
				driverLogin(driver, fixture.starterPool.getJdbcUrl(), timed),
				driverLogin(driver, fixture.starterPool.getJdbcUrl(), untimed),
				driverLogin(driver, fixture.starterPool.getJdbcUrl(), shared));
		interleave(variants, iterations / 10);
		long[][] nanos = interleave(variants, iterations);
		return List.of(new PairedLatencies("login", nanos[0], nanos[1]),
				new PairedLatencies("login, " + CONTROL + ": the plain driver vs itself", nanos[2], nanos[1]),
				new PairedLatencies("login, driver with the starter's details URL (a SET application_name after "
						+ "the login), user and token", nanos[0], nanos[3]),
				new PairedLatencies(
						"login, driver with the starter's URL, user, token and login timeout of "
								+ starterConnects.getLoginTimeout() + " s (a new thread per login)",
						nanos[0], nanos[4]),
				new PairedLatencies("login, not the starter: the driver with the server version but no login timeout, "
						+ "vs the driver with the starter's details URL", nanos[5], nanos[3]),
				new PairedLatencies("login, not the starter: the driver with the server version, no login timeout and "
						+ "the starter's shared TLS context, vs the same with the driver's TLS context per login",
						nanos[6], nanos[5]));
	}

	/**
	 * Time each operation once per iteration, in an order shuffled for each iteration.
	 * @return the latencies, one array per operation
	 */
	private static long[][] interleave(List<Operation> operations, int iterations) throws Exception {
		long[][] nanos = new long[operations.size()][iterations];
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < operations.size(); i++) {
			order.add(i);
		}
		Random random = new Random(SEED);
		for (int iteration = 0; iteration < iterations; iteration++) {
			Collections.shuffle(order, random);
			for (int index : order) {
				long start = System.nanoTime();
				if (!operations.get(index).run()) {
					throw new IllegalStateException("The operation did not succeed");
				}
				nanos[index][iteration] = System.nanoTime() - start;
			}
		}
		return nanos;
	}

	private static Operation driverLogin(org.postgresql.Driver driver, String url, Properties properties) {
		return () -> {
			try (Connection connection = driver.connect(url, properties)) {
				return !connection.isClosed();
			}
		};
	}

	private static PairedRatios compare(String name, int rounds, int threads, Operation starter, Operation plain)
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
			return new PairedRatios(name, starterOps, plainOps);
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
