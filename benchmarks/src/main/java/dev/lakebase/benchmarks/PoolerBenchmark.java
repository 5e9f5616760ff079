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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.lakebase.spring.test.LakebaseEmulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * App instances (contexts in one JVM) of 40 request threads and a pool of 25 each,
 * against an endpoint of 0.5 CU (104 connections), through the pooler and on the direct
 * host: requests per second, p99 latency, failures, and the spread between the slowest
 * and the median instance.
 */
final class PoolerBenchmark {

	static final int THREADS = 40;

	static final int POOL = 25;

	private PoolerBenchmark() {
	}

	/**
	 * What one configuration did.
	 *
	 * @param pooled through the pooler
	 * @param instances app instances
	 * @param perInstance completed requests of each instance
	 * @param failed failed requests in all
	 * @param latenciesNanos every completed request's latency
	 * @param seconds how long the load ran
	 */
	record Result(boolean pooled, int instances, long[] perInstance, long failed, List<Long> latenciesNanos,
			double seconds) {

		double throughput() {
			long total = 0;
			for (long count : this.perInstance) {
				total += count;
			}
			return total / this.seconds;
		}

		/**
		 * Return the slowest instance's requests over the median instance's.
		 */
		double spread() {
			long[] sorted = this.perInstance.clone();
			java.util.Arrays.sort(sorted);
			double median = Stats.median(sorted);
			return (median > 0) ? sorted[0] / median : 0;
		}

	}

	static List<Result> run(Duration load) throws Exception {
		List<Result> results = new ArrayList<>();
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().maxComputeUnits(0.5).start()) {
			for (int instances : new int[] { 1, 5 }) {
				for (boolean pooled : new boolean[] { false, true }) {
					results.add(run(emulator, instances, pooled, load));
				}
			}
		}
		return results;
	}

	private static Result run(LakebaseEmulator emulator, int instances, boolean pooled, Duration load)
			throws Exception {
		List<ConfigurableApplicationContext> apps = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(instances * THREADS);
		try {
			for (int i = 0; i < instances; i++) {
				apps.add(start(emulator, instances, pooled));
			}
			AtomicLong[] completed = new AtomicLong[instances];
			AtomicLong failed = new AtomicLong();
			ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
			CountDownLatch done = new CountDownLatch(instances * THREADS);
			long end = System.nanoTime() + load.toNanos();
			long started = System.nanoTime();
			for (int i = 0; i < instances; i++) {
				AtomicLong count = new AtomicLong();
				completed[i] = count;
				JdbcTemplate jdbc = apps.get(i).getBean(JdbcTemplate.class);
				TransactionTemplate transactions = new TransactionTemplate(
						apps.get(i).getBean(PlatformTransactionManager.class));
				for (int t = 0; t < THREADS; t++) {
					threads.execute(() -> {
						try {
							while (System.nanoTime() < end) {
								long begin = System.nanoTime();
								try {
									transactions.executeWithoutResult((status) -> jdbc
										.queryForObject("SELECT pg_sleep(0.002)::text || current_user", String.class));
									latencies.add(System.nanoTime() - begin);
									count.incrementAndGet();
								}
								catch (RuntimeException ex) {
									failed.incrementAndGet();
								}
							}
						}
						finally {
							done.countDown();
						}
					});
				}
			}
			done.await(load.toSeconds() + 120, TimeUnit.SECONDS);
			double seconds = (System.nanoTime() - started) / 1e9;
			long[] perInstance = new long[instances];
			for (int i = 0; i < instances; i++) {
				perInstance[i] = completed[i].get();
			}
			return new Result(pooled, instances, perInstance, failed.get(), new ArrayList<>(latencies), seconds);
		}
		finally {
			threads.shutdownNow();
			for (ConfigurableApplicationContext app : apps) {
				app.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(LakebaseEmulator emulator, int instances, boolean pooled) {
		SpringApplication application = new SpringApplication(LoadApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties());
		properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(POOL));
		properties.put("spring.datasource.hikari.connection-timeout", "30000");
		properties.put("lakebase.pooler.enabled", Boolean.toString(pooled));
		properties.put("lakebase.budget.instances", Integer.toString(instances));
		properties.put("spring.autoconfigure.exclude",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
		application.setDefaultProperties(properties);
		return application.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LoadApp {

	}

}
