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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TransactionPooler} behind an endpoint's pooled host, through pgjdbc: what a
 * client of PgBouncer in transaction mode sees.
 */
class TransactionPoolerIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().maxConnections(20));

	private static String token;

	@BeforeAll
	static void mint() {
		LakebaseEmulator emulator = lakebase.emulator();
		token = Sdk.mint(Sdk.m2m(emulator, emulator.identities().servicePrincipal()), emulator.endpoint());
	}

	@Test
	void manyMoreClientsThanPostgresSessionsAllCompleteTheirTransactions() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		int clients = 60;
		List<Connection> connections = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		try {
			for (int i = 0; i < clients; i++) {
				connections.add(pooled("&prepareThreshold=0"));
			}
			assertThat(endpoint.pooledClientConnections()).isEqualTo(clients);
			List<Future<Integer>> done = new ArrayList<>();
			for (Connection connection : connections) {
				done.add(threads.submit(() -> {
					int completed = 0;
					connection.setAutoCommit(false);
					for (int i = 0; i < 10; i++) {
						try (Statement statement = connection.createStatement()) {
							statement.execute("SELECT pg_sleep(0.01)");
						}
						connection.commit();
						completed++;
					}
					return completed;
				}));
			}
			for (Future<Integer> result : done) {
				assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(10);
			}
			assertThat(endpoint.poolerServerConnections()).isPositive().isLessThanOrEqualTo(17);
		}
		finally {
			threads.shutdownNow();
			for (Connection connection : connections) {
				connection.close();
			}
			// The pooler keeps its sessions (most of the 20 slots): a compute that stops
			// closes them, so that the other tests can connect to the direct host
			endpoint.suspend();
		}
	}

	@Test
	void sessionStateDoesNotOutliveItsTransaction() throws SQLException {
		try (Connection connection = pooled("&prepareThreshold=0"); Connection other = pooled("&prepareThreshold=0")) {
			execute(connection, "SET statement_timeout = '5s'");
			assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("0");
			execute(connection, "CREATE TEMPORARY TABLE scratch (id int)");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(connection, "SELECT * FROM scratch"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42P01"));
			assertThat(query(connection, "SELECT pg_advisory_lock(42)::text")).isEmpty();
			assertThat(query(connection, "SELECT pg_advisory_unlock(42)::text")).as("the lock is no longer held")
				.isEqualTo("false");
			execute(connection, "LISTEN ping");
			execute(other, "NOTIFY ping");
			assertThat(query(connection, "SELECT 'after'")).isEqualTo("after");
			assertThat(connection.unwrap(PGConnection.class).getNotifications()).as("notifications").isEmpty();
			connection.setAutoCommit(false);
			execute(connection, "SET LOCAL statement_timeout = '5s'");
			assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("5s");
			connection.commit();
		}
	}

	@Test
	void theDirectHostKeepsNotificationsOfItsSession() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		String role = emulator.identities().servicePrincipal().roleName();
		try (Connection listener = Sdk.connect(emulator, emulator.endpoint(), role, token);
				Connection notifier = Sdk.connect(emulator, emulator.endpoint(), role, token)) {
			execute(listener, "LISTEN ping");
			execute(notifier, "NOTIFY ping");
			assertThat(query(listener, "SELECT 'after'")).isEqualTo("after");
			assertThat(listener.unwrap(PGConnection.class).getNotifications()).hasSize(1);
		}
	}

	@Test
	void namedPreparedStatementsFailInLaterTransactionsUnlessTheDriverNeverNamesThem() throws SQLException {
		try (Connection connection = pooled("")) {
			connection.setAutoCommit(false);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
				for (int i = 0; i < 10; i++) {
					preparedQuery(connection);
					connection.commit();
				}
			}).satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("26000"));
		}
		try (Connection connection = pooled("&prepareThreshold=0")) {
			connection.setAutoCommit(false);
			for (int i = 0; i < 100; i++) {
				assertThat(preparedQuery(connection)).isEqualTo("1");
				connection.commit();
			}
		}
	}

	@Test
	void theDirectHostKeepsItsSession() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(),
				emulator.identities().servicePrincipal().roleName(), token)) {
			execute(connection, "SET statement_timeout = '5s'");
			assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("5s");
		}
	}

	@Test
	void aSuspendedComputeClosesPooledClientsAndThePoolersSessions() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		try (Connection connection = pooled("&prepareThreshold=0")) {
			assertThat(query(connection, "SELECT 'before'")).isEqualTo("before");
			assertThat(endpoint.poolerServerConnections()).isPositive();
			endpoint.suspend();
			// A session still being reset after its transaction closes when it is done
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (endpoint.poolerServerConnections() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(endpoint.poolerServerConnections()).isZero();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(connection, "SELECT 1"));
		}
		try (Connection woken = pooled("&prepareThreshold=0")) {
			assertThat(query(woken, "SELECT 'after'")).isEqualTo("after");
		}
	}

	private static Connection pooled(String options) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		String url = "jdbc:postgresql://" + endpoint.pooledHost() + ":" + endpoint.pooledPort() + "/"
				+ LakebaseEmulator.DEFAULT_DATABASE + "?sslmode=require" + options;
		return DriverManager.getConnection(url, emulator.identities().servicePrincipal().roleName(), token);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static String preparedQuery(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT ?::text")) {
			statement.setInt(1, 1);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

}
