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
package dev.lakebase.spring.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EndpointLifecycle}: suspend closes connections; the next connect wakes the
 * compute after the configured delay, held or refused; a failover closes the connections
 * of every host of the endpoint and refuses connects for its downtime.
 */
class EndpointLifecycleIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().wakeDelay(Duration.ofMillis(800)));

	@AfterEach
	void wakeUp() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.HOLD);
		endpoint.setAutoSuspendAfter(null);
	}

	private String token() {
		LakebaseEmulator emulator = lakebase.emulator();
		return Sdk.mint(Sdk.m2m(emulator, emulator.identities().servicePrincipal()), emulator.endpoint());
	}

	private Connection connect(String token) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		return Sdk.connect(emulator, emulator.endpoint(), emulator.identities().servicePrincipal().roleName(), token);
	}

	@Test
	void aFailoverClosesEveryHostsConnectionsAndRefusesConnectsForItsDowntime() throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		String token = token();
		String pooledUrl = "jdbc:postgresql://" + endpoint.pooledHost() + ":" + endpoint.pooledPort() + "/"
				+ LakebaseEmulator.DEFAULT_DATABASE + "?sslmode=require&prepareThreshold=0";
		String role = emulator.identities().servicePrincipal().roleName();
		try (Connection direct = connect(token);
				Connection pooled = DriverManager.getConnection(pooledUrl, role, token)) {
			assertThat(Sdk.queryString(pooled, "SELECT 'pooled'")).isEqualTo("pooled");
			endpoint.failover(Duration.ofSeconds(1));
			assertThat(endpoint.openConnections()).isZero();
			assertThat(endpoint.pooledClientConnections()).isZero();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> Sdk.queryString(direct, "SELECT 1"));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(token))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57P03"));
			assertThat(endpoint.state()).as("a failover is no suspension").isEqualTo(EndpointState.ACTIVE);
		}
		Thread.sleep(1200);
		try (Connection connection = connect(token)) {
			assertThat(Sdk.queryString(connection, "SELECT 'back'")).isEqualTo("back");
		}
	}

	@Test
	void suspendClosesOpenConnections() throws SQLException {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		String token = token();
		try (Connection first = connect(token); Connection second = connect(token)) {
			assertThat(endpoint.openConnections()).isEqualTo(2);
			long suspensions = endpoint.counters().suspensions();
			endpoint.suspend();
			assertThat(endpoint.state()).isEqualTo(EndpointState.IDLE);
			assertThat(endpoint.openConnections()).isZero();
			assertThat(endpoint.counters().suspensions()).isEqualTo(suspensions + 1);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> Sdk.queryString(first, "SELECT 1"));
			assertThat(first.isValid(5)).isFalse();
		}
	}

	@Test
	void heldConnectWakesComputeAfterDelay() throws SQLException {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		String token = token();
		endpoint.suspend();
		long wakes = endpoint.counters().wakes();
		long started = System.nanoTime();
		try (Connection connection = connect(token)) {
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(Sdk.queryString(connection, "SELECT 'awake'")).isEqualTo("awake");
			assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		}
		assertThat(endpoint.state()).isEqualTo(EndpointState.ACTIVE);
		assertThat(endpoint.counters().wakes()).isEqualTo(wakes + 1);
	}

	@Test
	void refusedConnectsFailWithStartingUpUntilComputeIsAwake() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		String token = token();
		endpoint.suspend();
		long wakes = endpoint.counters().wakes();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(token))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57P03"));
		assertThat(endpoint.state()).isEqualTo(EndpointState.INIT);
		Thread.sleep(1200);
		try (Connection connection = connect(token)) {
			assertThat(Sdk.queryString(connection, "SELECT 1")).isEqualTo("1");
		}
		assertThat(endpoint.counters().wakes()).isEqualTo(wakes + 1);
		assertThat(endpoint.counters().connectsWhileAsleep()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void resetConnectsFailWithIoErrorUntilComputeIsAwake() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.RESET);
		String token = token();
		endpoint.suspend();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(token))
			.satisfies((ex) -> assertThat(ex.getSQLState()).startsWith("08"));
		Thread.sleep(1200);
		try (Connection connection = connect(token)) {
			assertThat(Sdk.queryString(connection, "SELECT 1")).isEqualTo("1");
		}
	}

	@Test
	void concurrentConnectsDuringWakeCauseOneWake() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		String token = token();
		endpoint.suspend();
		long wakes = endpoint.counters().wakes();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				results.add(pool.submit(() -> {
					try (Connection connection = connect(token)) {
						return Sdk.queryString(connection, "SELECT 'ok'");
					}
				}));
			}
			for (Future<String> result : results) {
				assertThat(result.get()).isEqualTo("ok");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(endpoint.counters().wakes()).isEqualTo(wakes + 1);
	}

	@Test
	void autoSuspendAfterIdleTimeAndStatementsCount() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		String token = token();
		try (Connection connection = connect(token)) {
			long statements = endpoint.counters().statements();
			Sdk.queryString(connection, "SELECT 1");
			Sdk.queryString(connection, "SELECT 2");
			assertThat(endpoint.counters().statements()).isEqualTo(statements + 2);
			long suspensions = endpoint.counters().suspensions();
			endpoint.setAutoSuspendAfter(Duration.ofMillis(500));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (endpoint.state() != EndpointState.IDLE && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(endpoint.state()).isEqualTo(EndpointState.IDLE);
			assertThat(endpoint.counters().suspensions()).isEqualTo(suspensions + 1);
			assertThat(endpoint.openConnections()).as("idle connections are closed at suspension").isZero();
		}
	}

}
