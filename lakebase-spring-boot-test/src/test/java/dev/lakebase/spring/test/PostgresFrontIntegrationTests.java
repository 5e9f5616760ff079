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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PostgresFront} and its {@link FrontConnection}s in front of a real PostgreSQL,
 * with a {@link FrontEndpoint} the test controls: TLS required, the login decided by the
 * check and relayed to the endpoint's database as the client's role, what the endpoint is
 * told, compute that refuses or resets connects while it wakes, read-only sessions,
 * cancel requests passed on, and sessions closed as a suspend closes them.
 */
class PostgresFrontIntegrationTests {

	private static EmbeddedPostgresServer server;

	private static final ExecutorService executor = Executors.newCachedThreadPool();

	private final TestFrontEndpoint endpoint = new TestFrontEndpoint();

	private PostgresFront front;

	@BeforeAll
	static void start() throws IOException {
		server = TestFrontEndpoint.startBackend();
	}

	@AfterAll
	static void stop() throws IOException {
		server.close();
		executor.shutdownNow();
	}

	@AfterEach
	void close() throws IOException {
		if (this.front != null) {
			this.front.close();
		}
	}

	@Test
	void anAcceptedLoginIsRelayedToTheEndpointsDatabaseAsTheClientsRole() throws SQLException, IOException {
		open();
		try (Connection connection = connect("good")) {
			assertThat(query(connection, "SELECT current_user || '@' || current_database()"))
				.isEqualTo("app@db__feature");
			assertThat(query(connection, "SHOW ssl")).as("the relay to PostgreSQL is local").isEqualTo("off");
			assertThat(this.front.openConnections()).isEqualTo(1);
		}
		assertThat(this.endpoint.accepted).hasValue(1);
		assertThat(this.endpoint.tlsHandshakes).hasValue(1);
		assertThat(this.endpoint.logins).hasValue(1);
		assertThat(this.endpoint.lastStartup).as("the client's own parameters")
			.containsEntry("user", "app")
			.containsEntry("database", "db");
		assertThat(this.endpoint.statements.get()).isGreaterThanOrEqualTo(2);
		assertThat(this.front.acceptedConnections()).isEqualTo(1);
	}

	@Test
	void aRefusedLoginFailsAsPostgresWouldSay() throws IOException {
		open();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("bad").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"))
			.withMessageContaining("password authentication failed for user \"app\"");
		assertThat(this.endpoint.failedLogins).hasValue(1);
	}

	@Test
	void aClientWithoutTlsIsRefused() throws IOException {
		open();
		Properties properties = properties("good");
		properties.setProperty("sslmode", "disable");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url(), properties).close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28000"))
			.withMessageContaining("requires SSL");
	}

	@Test
	void aWakingComputeRefusesOrResetsConnectsAsItsModeSays() throws IOException {
		this.endpoint.admit = false;
		open();
		this.endpoint.mode = WakeMode.REFUSE;
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("good").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57P03"));
		this.endpoint.mode = WakeMode.RESET;
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("good").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).startsWith("08"));
		assertThat(this.endpoint.logins).hasValue(0);
		assertThat(this.endpoint.failedLogins).hasValue(0);
	}

	@Test
	void aReadOnlyEndpointsSessionsRefuseWrites() throws SQLException, IOException {
		this.endpoint.readOnly = true;
		open();
		try (Connection connection = connect("good"); Statement statement = connection.createStatement()) {
			assertThat(query(connection, "SHOW default_transaction_read_only")).isEqualTo("on");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE refused (id int)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25006"));
		}
	}

	@Test
	void aCancelRequestReachesPostgres() throws Exception {
		open();
		try (Connection connection = connect("good"); Statement statement = connection.createStatement()) {
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

	@Test
	void closingTheConnectionsEndsTheSessionsAndTheFrontStillAccepts() throws SQLException, IOException {
		open();
		try (Connection first = connect("good")) {
			this.front.closeConnections();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(first, "SELECT 1"));
		}
		try (Connection second = connect("good")) {
			assertThat(query(second, "SELECT 1")).isEqualTo("1");
		}
	}

	@Test
	void frontsOpenedTogetherShareAPortOnTheirOwnAddressesWhereTheSystemHasThem() throws IOException {
		List<PostgresFront> fronts = PostgresFront.openAll(List.of(this.endpoint, new TestFrontEndpoint()), 0,
				List.of(), server.unixSocket(), (user, password) -> true, executor, 0);
		try {
			assertThat(fronts.get(0).address().getHostAddress()).isEqualTo(LakebaseEmulator.LOOPBACK);
			assertThat(fronts.get(1).address()).isNotEqualTo(fronts.get(0).address());
			if (!fronts.get(1).address().getHostAddress().equals(LakebaseEmulator.LOOPBACK)) {
				assertThat(fronts.get(1).port()).isEqualTo(fronts.get(0).port());
			}
		}
		finally {
			for (PostgresFront opened : fronts) {
				opened.close();
			}
		}
	}

	private void open() throws IOException {
		this.front = PostgresFront
			.openAll(List.of(this.endpoint), 0, List.of(), server.unixSocket(),
					(user, password) -> "good".equals(password), executor, 0)
			.get(0);
	}

	private Connection connect(String password) throws SQLException {
		return DriverManager.getConnection(url(), properties(password));
	}

	private String url() {
		return "jdbc:postgresql://" + LakebaseEmulator.LOOPBACK + ":" + this.front.port() + "/db";
	}

	private static Properties properties(String password) {
		Properties properties = new Properties();
		properties.setProperty("user", "app");
		properties.setProperty("password", password);
		properties.setProperty("sslmode", "require");
		properties.setProperty("connectTimeout", "10");
		return properties;
	}

	private static String query(Connection connection, String sql) throws SQLException {
		return Sdk.queryString(connection, sql);
	}

}
