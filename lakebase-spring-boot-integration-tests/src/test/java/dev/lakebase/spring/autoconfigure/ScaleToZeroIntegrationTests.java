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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EndpointState;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.WakeMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The DataSource survives scale to zero and lets an idle endpoint suspend.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScaleToZeroIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().wakeDelay(Duration.ofSeconds(2)));

	@AfterEach
	void reset() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.HOLD);
		endpoint.setWakeDelay(Duration.ofSeconds(2));
		endpoint.setSuspendTimeout(null);
		endpoint.setNoSuspension(false);
	}

	private ApplicationContextRunner runner(String... properties) {
		return EmulatorTestSupport.appsRunner(lakebase.emulator(), properties);
	}

	@ParameterizedTest
	@EnumSource(WakeMode.class)
	void fiftyConcurrentRequestsAfterSuspensionAllSucceed(WakeMode mode, CapturedOutput output) {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(mode);
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			Thread.sleep(600);
			long wakes = endpoint.counters().wakes();
			endpoint.suspend();
			ExecutorService pool = Executors.newFixedThreadPool(50);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					int value = i;
					results.add(pool.submit(() -> {
						start.await();
						return jdbc.queryForObject("SELECT " + value, Integer.class);
					}));
				}
				start.countDown();
				for (int i = 0; i < 50; i++) {
					assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(endpoint.counters().wakes()).isEqualTo(wakes + 1);
		});
		if (mode != WakeMode.HOLD) {
			assertThat(output.getOut().split("woke up: connected", -1)).as("one INFO line for the wake").hasSize(2);
		}
	}

	@Test
	void contextStartsWhileEndpointIsSuspendedAndFirstQueryWorks() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		endpoint.suspend();
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 'first'", String.class))
				.isEqualTo("first");
		});
		assertThat(endpoint.state()).isEqualTo(EndpointState.ACTIVE);
	}

	@Test
	void wakeLongerThanBudgetFailsClearlyThenRecovers() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		endpoint.setWakeDelay(Duration.ofSeconds(5));
		runner("lakebase.wake.budget=2s", "spring.datasource.hikari.connection-timeout=4000").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForObject("SELECT 1", Integer.class);
			Thread.sleep(600);
			endpoint.suspend();
			context.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> jdbc.queryForObject("SELECT 2", Integer.class))
				.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex)).contains("did not wake within 2000 ms")
					.contains("lakebase.wake.budget")
					.contains(endpoint.path())
					.contains("starting up"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (endpoint.state() != EndpointState.ACTIVE && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(jdbc.queryForObject("SELECT 3", Integer.class)).isEqualTo(3);
		});
	}

	@Test
	void twentySuspendWakeCyclesUnderLightLoadFailNoRequest() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		endpoint.setWakeDelay(Duration.ofMillis(300));
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			long wakes = endpoint.counters().wakes();
			int requests = 0;
			for (int cycle = 0; cycle < 20; cycle++) {
				for (int i = 0; i < 5; i++) {
					assertThat(jdbc.queryForObject("SELECT " + i, Integer.class)).isEqualTo(i);
					requests++;
				}
				// Lakebase suspends an endpoint only after it has been idle
				Thread.sleep(600);
				endpoint.suspend();
			}
			assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			assertThat(requests).isEqualTo(100);
			assertThat(endpoint.counters().wakes()).isEqualTo(wakes + 20);
		});
	}

	@Test
	void anEndpointThatNeverSuspendsKeepsHikarisDefaults(CapturedOutput output) {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setNoSuspension(true);
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			HikariConfig hikariDefaults = new HikariConfig();
			assertThat(dataSource.getMinimumIdle()).isEqualTo(hikariDefaults.getMinimumIdle());
			assertThat(dataSource.getKeepaliveTime()).isEqualTo(hikariDefaults.getKeepaliveTime());
			assertThat(dataSource.getIdleTimeout()).isEqualTo(hikariDefaults.getIdleTimeout());
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			assertThat(output).contains("never suspends").doesNotContain("lets the endpoint scale to zero");
		});
	}

	@Test
	void idleAppReleasesEveryConnectionAndStaysQuiet() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setSuspendTimeout(Duration.ofSeconds(60));
		runner().run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			ExecutorService pool = Executors.newFixedThreadPool(5);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					work.add(pool.submit(() -> jdbc.queryForObject("SELECT pg_sleep(0.3)::text", String.class)));
				}
				for (Future<?> done : work) {
					done.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(dataSource.getMinimumIdle()).isZero();
			assertThat(dataSource.getKeepaliveTime()).isZero();
			assertThat(dataSource.getIdleTimeout()).isEqualTo(25_000);
			assertThat(endpoint.openConnections()).isGreaterThan(1);
			long idleStarted = System.nanoTime();
			long deadline = idleStarted + TimeUnit.SECONDS.toNanos(90);
			while (endpoint.openConnections() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			long released = System.nanoTime() - idleStarted;
			assertThat(endpoint.openConnections()).isZero();
			long statements = endpoint.counters().statements();
			long accepted = endpoint.counters().connectionsAccepted();
			Thread.sleep(Math.max(0, TimeUnit.MINUTES.toMillis(2) - TimeUnit.NANOSECONDS.toMillis(released)));
			System.out.printf("idle: all connections released after %d s; 0 statements since%n",
					TimeUnit.NANOSECONDS.toSeconds(released));
			assertThat(endpoint.openConnections()).isZero();
			assertThat(endpoint.counters().statements()).isEqualTo(statements);
			assertThat(endpoint.counters().connectionsAccepted()).isEqualTo(accepted);
		});
	}

	@Test
	void suspendTimeoutOfTheEndpointFoundByHostNeedsNoSecondRead() {
		assertIdleTimeoutFollowsSuspendTimeoutWithReads(runner(), 0,
				"the listing that found it by PGHOST reported its suspend timeout");
	}

	@Test
	void suspendTimeoutOfAnEndpointLookedUpForItsHostNeedsNoSecondRead() {
		LakebaseEmulator emulator = lakebase.emulator();
		Map<String, String> environment = EmulatorTestSupport.environment(emulator, emulator.endpoint());
		environment.remove("PGHOST");
		assertIdleTimeoutFollowsSuspendTimeoutWithReads(
				LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(environment)), 1,
				"one, for its host, which also gave its suspend timeout");
	}

	private void assertIdleTimeoutFollowsSuspendTimeoutWithReads(ApplicationContextRunner runner, int reads,
			String why) {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		endpoint.setSuspendTimeout(Duration.ofSeconds(120));
		String read = "/api/2.0/postgres/" + endpoint.path();
		int before = emulator.workspace().requests(read);
		runner.run((context) -> {
			assertThat(context.getBean(HikariDataSource.class).getIdleTimeout()).isEqualTo(60_000);
			assertThat(emulator.workspace().requests(read) - before).as("reads of the endpoint: " + why)
				.isEqualTo(reads);
		});
	}

	@Test
	void scaleToZeroOffKeepsHikariDefaults() {
		runner("lakebase.pool.scale-to-zero=false").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getKeepaliveTime()).isEqualTo(120_000);
			assertThat(dataSource.getIdleTimeout()).isEqualTo(600_000);
		});
	}

	@Test
	void userPoolSettingsWinOverScaleToZeroDefaults() {
		runner("spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.keepalive-time=60000",
				"spring.datasource.hikari.idle-timeout=45000")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getMinimumIdle()).isEqualTo(2);
				assertThat(dataSource.getKeepaliveTime()).isEqualTo(60_000);
				assertThat(dataSource.getIdleTimeout()).isEqualTo(45_000);
			});
	}

	@Test
	void authenticationFailureIsNotRetriedAsWake() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("wake_native", "right-password");
		EmulatedEndpoint endpoint = emulator.endpoint();
		LakebaseTestSupport.runner()
			.withPropertyValues("PGHOST=" + endpoint.host(), "PGPORT=" + endpoint.port(), "PGUSER=wake_native",
					"PGPASSWORD=wrong-password", "spring.datasource.hikari.connection-timeout=3000")
			.run((context) -> {
				long failed = endpoint.counters().failedLogins();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection().close())
					.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex))
						.contains("password authentication failed"));
				LakebaseLoginDataSource connect = (LakebaseLoginDataSource) dataSource.getDataSource();
				assertThat(connect.wakeRetry().retryCount()).isZero();
				assertThat(endpoint.counters().failedLogins() - failed).isPositive();
			});
	}

	@Test
	void unknownHostIsNotRetriedAsWake() {
		LakebaseTestSupport.runner()
			.withPropertyValues("PGHOST=no-such-endpoint.invalid", "PGUSER=u", "PGPASSWORD=p",
					"spring.datasource.hikari.connection-timeout=3000")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection().close());
				LakebaseLoginDataSource connect = (LakebaseLoginDataSource) dataSource.getDataSource();
				assertThat(connect.wakeRetry().retryCount()).isZero();
			});
	}

}
