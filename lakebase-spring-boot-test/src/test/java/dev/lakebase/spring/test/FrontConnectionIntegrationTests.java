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

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FrontConnection}: one client of a front in front of a real PostgreSQL, with an
 * endpoint the test controls: TLS required, the login decided by the check and relayed to
 * the endpoint's database as the client's role, what the endpoint is told, compute that
 * refuses or resets connects while it wakes, read-only sessions, and cancel requests
 * passed on.
 */
class FrontConnectionIntegrationTests {

	@RegisterExtension
	static final FrontBackend backend = new FrontBackend();

	private final TestFrontEndpoint endpoint = new TestFrontEndpoint();

	@Test
	void anAcceptedLoginIsRelayedToTheEndpointsDatabaseAsTheClientsRole() throws SQLException, IOException {
		PostgresFront front = backend.open(this.endpoint);
		try (Connection connection = FrontBackend.connect(front, "good")) {
			assertThat(Sdk.queryString(connection, "SELECT current_user || '@' || current_database()"))
				.isEqualTo("app@db__feature");
			assertThat(Sdk.queryString(connection, "SHOW ssl")).as("the relay to PostgreSQL is local").isEqualTo("off");
		}
		assertThat(this.endpoint.accepted).hasValue(1);
		assertThat(this.endpoint.tlsHandshakes).hasValue(1);
		assertThat(this.endpoint.logins).hasValue(1);
		assertThat(this.endpoint.lastStartup).as("the client's own parameters")
			.containsEntry("user", "app")
			.containsEntry("database", "db");
		assertThat(this.endpoint.statements.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aRefusedLoginFailsAsPostgresWouldSay() throws IOException {
		PostgresFront front = backend.open(this.endpoint);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> FrontBackend.connect(front, "bad").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"))
			.withMessageContaining("password authentication failed for user \"app\"");
		assertThat(this.endpoint.failedLogins).hasValue(1);
	}

	@Test
	void aClientWithoutTlsIsRefused() throws IOException {
		PostgresFront front = backend.open(this.endpoint);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> FrontBackend.connect(front, "good", "sslmode", "disable").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28000"))
			.withMessageContaining("requires SSL (use sslmode=require)");
	}

	@Test
	void aWakingComputeRefusesOrResetsConnectsAsItsModeSays() throws IOException {
		this.endpoint.admit = false;
		PostgresFront front = backend.open(this.endpoint);
		this.endpoint.mode = WakeMode.REFUSE;
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> FrontBackend.connect(front, "good").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57P03"));
		this.endpoint.mode = WakeMode.RESET;
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> FrontBackend.connect(front, "good").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).startsWith("08"));
		assertThat(this.endpoint.logins).hasValue(0);
		assertThat(this.endpoint.failedLogins).hasValue(0);
	}

	@Test
	void aReadOnlyEndpointsSessionsRefuseWrites() throws SQLException, IOException {
		this.endpoint.readOnly = true;
		PostgresFront front = backend.open(this.endpoint);
		try (Connection connection = FrontBackend.connect(front, "good");
				Statement statement = connection.createStatement()) {
			assertThat(Sdk.queryString(connection, "SHOW default_transaction_read_only")).isEqualTo("on");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE refused (id int)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25006"));
		}
	}

	@Test
	void aCancelRequestReachesPostgres() throws Exception {
		PostgresFront front = backend.open(this.endpoint);
		try (Connection connection = FrontBackend.connect(front, "good");
				Statement statement = connection.createStatement()) {
			CompletableFuture<Void> cancelled = CompletableFuture.runAsync(() -> {
				try {
					Thread.sleep(500);
					statement.cancel();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			long started = System.nanoTime();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT pg_sleep(60)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57014"));
			cancelled.get(10, TimeUnit.SECONDS);
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(50);
		}
	}

}
