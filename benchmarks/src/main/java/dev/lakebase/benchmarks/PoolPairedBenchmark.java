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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

/**
 * Benchmark 1 once more, as a paired comparison: both pools in one JVM, measured in
 * alternating one-second windows (starter first in even rounds, plain first in odd ones),
 * so that drift on the machine (the emulator's TLS front shares its two cores, other load
 * comes and goes) falls on both alike. Each round gives one ratio starter / plain; the
 * report shows their median and spread. JMH's separate forks per benchmark cannot cancel
 * that drift.
 */
final class PoolPairedBenchmark {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private PoolPairedBenchmark() {
	}

	/**
	 * The ratios of one thread count.
	 *
	 * @param threads the threads borrowing at once
	 * @param ratios starter / plain per round
	 * @param starterOpsPerSecond mean throughput of the starter's pool
	 * @param plainOpsPerSecond mean throughput of the plain pool
	 */
	record Row(int threads, List<Double> ratios, double starterOpsPerSecond, double plainOpsPerSecond) {

		double ratioPercentile(int percentile) {
			List<Double> sorted = new ArrayList<>(this.ratios);
			Collections.sort(sorted);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index));
		}

		long roundsAtOrAbove(double ratio) {
			return this.ratios.stream().filter((value) -> value >= ratio).count();
		}

	}

	static List<Row> run(int rounds, int... threadCounts) throws Exception {
		List<Row> rows = new ArrayList<>();
		try (Fixture fixture = new Fixture()) {
			for (int threads : threadCounts) {
				ExecutorService executor = Executors.newFixedThreadPool(threads);
				try {
					for (int warmUp = 0; warmUp < 3; warmUp++) {
						window(executor, threads, fixture.starterPool);
						window(executor, threads, fixture.plainPool);
					}
					List<Double> ratios = new ArrayList<>();
					long starterOps = 0;
					long plainOps = 0;
					for (int round = 0; round < rounds; round++) {
						long starter;
						long plain;
						if (round % 2 == 0) {
							starter = window(executor, threads, fixture.starterPool);
							plain = window(executor, threads, fixture.plainPool);
						}
						else {
							plain = window(executor, threads, fixture.plainPool);
							starter = window(executor, threads, fixture.starterPool);
						}
						ratios.add((double) starter / plain);
						starterOps += starter;
						plainOps += plain;
					}
					double seconds = rounds * (double) WINDOW_NANOS / 1_000_000_000L;
					rows.add(new Row(threads, ratios, starterOps / seconds, plainOps / seconds));
				}
				finally {
					executor.shutdownNow();
				}
			}
		}
		return rows;
	}

	/**
	 * Borrow, {@code SELECT 1} and return on every thread for one window.
	 * @return the operations completed
	 */
	private static long window(ExecutorService executor, int threads, DataSource pool) throws Exception {
		long deadline = System.nanoTime() + WINDOW_NANOS;
		List<Future<Long>> counts = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			counts.add(executor.submit(() -> {
				long ops = 0;
				while (System.nanoTime() < deadline) {
					if (PoolBenchmark.select1(pool) != 1) {
						throw new IllegalStateException("SELECT 1 did not return 1");
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

}
