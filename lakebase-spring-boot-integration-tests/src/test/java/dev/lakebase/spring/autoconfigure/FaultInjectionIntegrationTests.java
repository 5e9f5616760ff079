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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.HeldConnections;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.WakeMode;
import dev.lakebase.spring.test.EmulatedWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection under a steady load of mixed reads and writes, with a ledger of every
 * acknowledged write. The connection limit is reached on a PostgreSQL whose
 * {@code max_connections} is lowered to 10. Each scenario prints
 * {@code scenario: N ok, M failed, K lost}. No scenario loses an acknowledged write;
 * rotation, an outage within the credential's validity, and suspend/wake fail nothing.
 */
class FaultInjectionIntegrationTests {

	private static final Duration BOUND = Duration.ofSeconds(90);

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().wakeMode(WakeMode.REFUSE).wakeDelay(Duration.ofMillis(300)));

	@AfterEach
	void reset() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.workspace().clear();
		emulator.tokens().setLifetime(Duration.ofHours(1));
	}

	private static ApplicationContextRunner runner(String... properties) {
		return EmulatorTestSupport.appsRunner(lakebase.emulator(), properties);
	}

	@Test
	void compressedHoursOfTokenRotation() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.tokens().setLifetime(Duration.ofSeconds(2));
		runner().run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			int mints = emulator.tokens().mintCount();
			try (Workload load = new Workload("rotation", pool, 4)) {
				long deadline = System.nanoTime() + BOUND.toNanos();
				while (emulator.tokens().mintCount() - mints < 31) {
					assertThat(System.nanoTime()).as("30 rotations within " + BOUND).isLessThan(deadline);
					Thread.sleep(150);
					pool.getHikariPoolMXBean().softEvictConnections();
				}
				String line = load.report();
				assertThat(line).endsWith(": " + load.ok() + " ok, 0 failed, 0 lost");
				assertThat(load.ok()).isPositive();
			}
		});
	}

	@Test
	void workspaceOutageSpanningTheRefreshWindow() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.tokens().setLifetime(Duration.ofSeconds(20));
		runner("lakebase.credentials.refresh-window=8s").run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			try (Workload load = new Workload("outage", pool, 4)) {
				int mintsBefore = emulator.tokens().mintCount();
				MintedCredential minted = context.getBean(CredentialCache.class).current();
				// The refresh falls due 8 s before the credential expires (12 s after its
				// mint); the workspace goes down 1.5 s before that, for 5 s, which ends
				// before the credential expires.
				Instant refreshDue = minted.expiresAt().minusSeconds(8);
				Thread.sleep(Math.max(0, Duration.between(Instant.now(), refreshDue).toMillis() - 1500));
				assertThat(emulator.tokens().mintCount()).as("no refresh before the outage").isEqualTo(mintsBefore);
				emulator.workspace().failFor(EmulatedWorkspace.Target.ANY, Duration.ofSeconds(5), 503);
				long outageEnds = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				while (System.nanoTime() < outageEnds) {
					Thread.sleep(250);
					pool.getHikariPoolMXBean().softEvictConnections();
				}
				assertThat(emulator.workspace().injectedCount()).as("the refresh hit the outage").isPositive();
				long deadline = System.nanoTime() + BOUND.toNanos();
				while (emulator.tokens().mintCount() == mintsBefore) {
					assertThat(System.nanoTime()).as("a credential minted after the outage").isLessThan(deadline);
					Thread.sleep(250);
					pool.getHikariPoolMXBean().softEvictConnections();
				}
				load.awaitOk(200, BOUND);
				String line = load.report();
				assertThat(line).endsWith(": " + load.ok() + " ok, 0 failed, 0 lost");
			}
		});
	}

	@Test
	void postgresRestartedMidLoad() {
		LakebaseEmulator emulator = lakebase.emulator();
		runner("spring.datasource.hikari.connection-timeout=10000").run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			try (Workload load = new Workload("postgres-restart", pool, 4)) {
				load.awaitOk(200, BOUND);
				emulator.postgres().restart(Duration.ofSeconds(2));
				long failedAfterRestart = load.failed();
				load.awaitOk(300, BOUND);
				assertThat(load.failed()).as("the pool recovered by itself: no failure after the restart")
					.isEqualTo(failedAfterRestart);
				String line = load.report();
				assertThat(line).endsWith(" 0 lost");
				assertThat(load.slowest()).as("no operation hung past the timeouts")
					.isLessThan(Duration.ofSeconds(10 + 25));
			}
		});
	}

	@Test
	void twentySuspendWakeCycles() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner().run((context) -> {
			DataSource pool = context.getBean(DataSource.class);
			long wakes = endpoint.counters().wakes();
			try (Workload load = new Workload("suspend-wake", pool, 4)) {
				for (int cycle = 0; cycle < 20; cycle++) {
					load.awaitOk(20, BOUND);
					load.hold();
					try {
						Thread.sleep(600);
						endpoint.suspend();
					}
					finally {
						load.resume();
					}
				}
				load.awaitOk(20, BOUND);
				String line = load.report();
				assertThat(line).endsWith(": " + load.ok() + " ok, 0 failed, 0 lost");
			}
			assertThat(endpoint.counters().wakes() - wakes).isEqualTo(20);
		});
	}

	@Test
	void connectionLimitReachedThenReleased() {
		// A PostgreSQL of its own with max_connections lowered to 10 (7 slots for
		// non-superusers), which another client fills up
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().maxConnections(10).start()) {
			connectionLimitReachedThenReleased(emulator);
		}
	}

	private void connectionLimitReachedThenReleased(LakebaseEmulator emulator) {
		EmulatorTestSupport.appsRunner(emulator, "spring.datasource.hikari.connection-timeout=2000").run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(new JdbcTemplate(pool).queryForObject("SHOW max_connections", Integer.class)).isEqualTo(10);
			try (Workload load = new Workload("connection-limit", pool, 4)) {
				load.awaitOk(100, BOUND);
				List<HeldConnections> held = new ArrayList<>();
				try {
					long deadline = System.nanoTime() + BOUND.toNanos();
					while (load.failed() == 0) {
						assertThat(System.nanoTime()).as("requests fail while no slot is free").isLessThan(deadline);
						// Empty the pool, take every slot (also those that free up
						// late, the pool's own among them), and let the load try;
						// again if a slot was freed after all and the pool got it.
						load.hold();
						try {
							pool.getHikariPoolMXBean().softEvictConnections();
							while (pool.getHikariPoolMXBean().getTotalConnections() > 0) {
								Thread.sleep(20);
							}
							held.add(emulator.postgres().exhaustConnections(Duration.ofSeconds(1)));
						}
						finally {
							load.resume();
						}
						long tryUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
						while (load.failed() == 0 && System.nanoTime() < tryUntil) {
							Thread.sleep(100);
						}
					}
					assertThat(held.stream().mapToInt(HeldConnections::count).sum()).as("slots the other client took")
						.isBetween(1, 10);
					assertThat(load.failures().keySet()).as("clear errors")
						.allSatisfy((message) -> assertThat(message).contains("too many clients"));
				}
				finally {
					held.forEach(HeldConnections::close);
				}
				long failedBeforeRelease = load.failed();
				// Wait for the operations that started before the release: every one
				// after it starts with the slots free
				load.hold();
				load.resume();
				long failedAfterRecovery = load.failed();
				load.awaitOk(200, BOUND);
				assertThat(load.failed()).as("recovered once the slots were released").isEqualTo(failedAfterRecovery);
				assertThat(failedAfterRecovery).isGreaterThanOrEqualTo(failedBeforeRelease);
				String line = load.report();
				assertThat(line).endsWith(" 0 lost");
			}
		});
	}

}
