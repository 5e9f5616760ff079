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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.LakebaseEmulator;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cold start herd: 64 threads hit an empty pool at once. Counts the credentials minted
 * (target: one) and the time until every thread was served, for a fresh app each round,
 * next to a plain pool with a static password.
 */
final class HerdBenchmark {

	static final int THREADS = 64;

	private HerdBenchmark() {
	}

	record Round(long starterNanos, int mints, long plainNanos) {
	}

	static List<Round> run(int rounds) throws Exception {
		List<Round> results = new ArrayList<>();
		try (Fixture fixture = new Fixture()) {
			LakebaseEmulator emulator = fixture.emulator;
			for (int round = 0; round < rounds; round++) {
				int mintsBefore = emulator.tokens().mintCount();
				long starterNanos;
				try (ConfigurableApplicationContext app = Fixture.startApp(Fixture.appsEnvironment(emulator))) {
					starterNanos = herd(app.getBean(DataSource.class));
				}
				int mints = emulator.tokens().mintCount() - mintsBefore;
				long plainNanos;
				try (HikariDataSource plain = new HikariDataSource()) {
					plain.setJdbcUrl(fixture.plainPool.getJdbcUrl());
					plain.setUsername(Fixture.PLAIN_ROLE);
					plain.setPassword(fixture.plainPassword);
					plain.setMinimumIdle(0);
					plainNanos = herd(plain);
				}
				results.add(new Round(starterNanos, mints, plainNanos));
			}
		}
		return results;
	}

	private static long herd(DataSource dataSource) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch ready = new CountDownLatch(THREADS);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> served = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				served.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return PoolBenchmark.select1(dataSource);
				}));
			}
			ready.await();
			long started = System.nanoTime();
			go.countDown();
			for (Future<Integer> result : served) {
				if (result.get() != 1) {
					throw new IllegalStateException("SELECT 1 did not return 1");
				}
			}
			return System.nanoTime() - started;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
