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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmbeddedPostgresServer}: PostgreSQL 17 on the loopback address whose superuser
 * needs its password over TCP, a restart that keeps the port and the data, and a
 * directory too deep for a Unix socket handled and cleaned up.
 */
class EmbeddedPostgresServerIntegrationTests {

	@RegisterExtension
	static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension(10);

	@Test
	void theSuperuserNeedsItsPasswordOverTcp() throws SQLException {
		try (Connection connection = postgres.server().connectAsSuperuser("postgres")) {
			assertThat(query(connection, "SHOW server_version")).startsWith("17.");
			assertThat(query(connection, "SHOW listen_addresses")).isEqualTo(LakebaseEmulator.LOOPBACK);
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(postgres.server().jdbcUrl("postgres"),
					EmbeddedPostgresServer.SUPERUSER, "not-the-password"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		try (Connection connection = postgres.server().connectAsSuperuser("postgres")) {
			assertThat(query(connection, "SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host' AND "
					+ "auth_method = 'scram-sha-256'"))
				.isEqualTo("1");
			assertThat(query(connection, "SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host'"))
				.as("no trust for host connections")
				.isEqualTo("1");
		}
	}

	@Test
	void aRestartKeepsThePortAndTheData() throws Exception {
		postgres.server()
			.execute("postgres", "CREATE TABLE IF NOT EXISTS kept (id int)", "INSERT INTO kept VALUES (1)");
		int port = postgres.server().port();
		postgres.server().restart(Duration.ofMillis(100));
		assertThat(postgres.server().port()).isEqualTo(port);
		try (Connection connection = postgres.server().connectAsSuperuser("postgres")) {
			assertThat(query(connection, "SELECT count(*) FROM kept")).isNotEqualTo("0");
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(postgres.server().jdbcUrl("postgres"),
					EmbeddedPostgresServer.SUPERUSER, "not-the-password"))
			.as("the password is needed again after the restart");
	}

	@Test
	void startsUnderADirectoryTooDeepForAUnixSocketAndCleansUp(@TempDir Path parent) throws Exception {
		Path deep = Files.createDirectories(parent.resolve("a-build-directory-of-a-project-".repeat(4)));
		Path socket;
		try (EmbeddedPostgresServer deepServer = new EmbeddedPostgresServer(10, deep)) {
			socket = deepServer.unixSocket();
			assertThat(socket.toString().length()).isLessThanOrEqualTo(107);
			assertThat(socket).exists();
			deepServer.execute("postgres", "SELECT 1");
		}
		assertThat(socket.getParent()).doesNotExist();
		try (Stream<Path> left = Files.list(deep)) {
			assertThat(left).as("left in the emulator's parent directory").isEmpty();
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
