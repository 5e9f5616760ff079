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

package dev.lakebase.spring.autoconfigure;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.EmulatedWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Credentials rotate under load, and a workspace outage is survived while the current
 * credential is valid.
 */
class CredentialRefreshIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@AfterEach
	void reset() {
		lakebase.emulator().workspace().clear();
		lakebase.emulator().tokens().setLifetime(Duration.ofHours(1));
	}

	@Test
	void rotationUnderLoadFailsNoQueryAndMintsAtMostOncePerRefreshInterval() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.tokens().setLifetime(Duration.ofSeconds(5));
		int mintsBefore = emulator.tokens().mintCount(emulator.endpoint());
		AtomicLong queries = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long[] elapsedNanos = new long[1];
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator),
					"lakebase.credentials.refresh-window=2s", "spring.datasource.hikari.maximum-pool-size=8"))
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				long started = System.nanoTime();
				jdbc.queryForObject("SELECT 1", Integer.class);
				runLoad(jdbc, dataSource, 8, Duration.ofSeconds(62), queries, failures);
				elapsedNanos[0] = System.nanoTime() - started;
			});
		int mints = emulator.tokens().mintCount(emulator.endpoint()) - mintsBefore;
		double seconds = elapsedNanos[0] / 1e9;
		long bound = (long) Math.ceil(seconds / (5 - 2)) + 1;
		System.out.printf("rotation: %d queries, %d failed, %d mints in %.1f s (bound %d)%n", queries.get(),
				failures.get(), mints, seconds, bound);
		assertThat(failures.get()).isZero();
		assertThat(queries.get()).isGreaterThan(1000);
		assertThat(mints).as("at least one rotation per token lifetime").isGreaterThanOrEqualTo(12);
		assertThat(mints).isLessThanOrEqualTo((int) bound);
	}

	@Test
	void workspaceOutageOverRefreshWindowIsSurvivedThenReportedThenRecovered() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.tokens().setLifetime(Duration.ofSeconds(10));
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator),
					"lakebase.credentials.refresh-window=5s", "lakebase.credentials.retry-initial-delay=200ms",
					"lakebase.credentials.retry-max-delay=1s", "lakebase.credentials.timeout=3s",
					"spring.datasource.hikari.connection-timeout=8000", "spring.datasource.hikari.maximum-pool-size=4"))
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				CredentialCache credentials = context.getBean(CredentialCache.class);
				jdbc.queryForObject("SELECT 1", Integer.class);
				Instant expiresAt = credentials.current().expiresAt();
				emulator.workspace().failFor(EmulatedWorkspace.Target.CREDENTIALS, Duration.ofMinutes(5), 503);
				AtomicLong queries = new AtomicLong();
				AtomicLong failures = new AtomicLong();
				Duration untilShortlyBeforeExpiry = Duration.between(Instant.now(), expiresAt.minusSeconds(2));
				runLoad(jdbc, dataSource, 4, untilShortlyBeforeExpiry, queries, failures);
				System.out.printf("outage within validity: %d queries, %d failed%n", queries.get(), failures.get());
				assertThat(failures.get()).isZero();
				assertThat(queries.get()).isPositive();
				assertThat(emulator.workspace().injectedCount())
					.as("refreshes were attempted and refused during the outage")
					.isPositive();
				sleepUntil(expiresAt.plusMillis(500));
				dataSource.getHikariPoolMXBean().softEvictConnections();
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection().close())
					.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex))
						.contains("Lakebase database credential"));
				emulator.workspace().clear();
				Instant deadline = Instant.now().plusSeconds(60);
				Integer answer = null;
				while (answer == null && Instant.now().isBefore(deadline)) {
					try {
						answer = jdbc.queryForObject("SELECT 42", Integer.class);
					}
					catch (RuntimeException ex) {
						Thread.sleep(200);
					}
				}
				assertThat(answer).as("recovered without a restart").isEqualTo(42);
			});
	}

	private static void runLoad(JdbcTemplate jdbc, HikariDataSource dataSource, int threads, Duration duration,
			AtomicLong queries, AtomicLong failures) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		AtomicBoolean running = new AtomicBoolean(true);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(pool.submit(() -> {
					while (running.get()) {
						try {
							jdbc.queryForObject("SELECT 1", Integer.class);
							queries.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
							ex.printStackTrace();
						}
					}
				}));
			}
			workers.add(pool.submit(() -> {
				while (running.get()) {
					dataSource.getHikariPoolMXBean().softEvictConnections();
					sleep(250);
				}
			}));
			Thread.sleep(Math.max(0, duration.toMillis()));
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void sleepUntil(Instant instant) {
		sleep(Math.max(0, Duration.between(Instant.now(), instant).toMillis()));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
