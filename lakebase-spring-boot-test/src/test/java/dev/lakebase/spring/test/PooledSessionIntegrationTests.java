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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PooledSession}: a client of a pooled host holds a PostgreSQL session from the
 * first statement of a transaction to its end and none in between, so one session serves
 * clients in turn; a failed transaction holds it until rolled back; a client that leaves
 * mid-transaction leaves nothing behind; extended-protocol statements without
 * server-prepared ones work across sessions. A pool of one session makes each of these
 * visible.
 */
class PooledSessionIntegrationTests {

	@RegisterExtension
	static final FrontBackend backend = new FrontBackend();

	private final TestFrontEndpoint endpoint = new TestFrontEndpoint();

	private PostgresFront front;

	@BeforeEach
	void open() throws IOException {
		backend.server()
			.execute("db__feature", "CREATE TABLE IF NOT EXISTS notes (body text)", "GRANT ALL ON notes TO app",
					"TRUNCATE notes");
		this.front = backend.open(1, this.endpoint).get(0);
	}

	@Test
	void aTransactionHoldsTheSessionUntilItEndsAndTheNextClientThenGetsIt() throws Exception {
		try (Connection first = connect(); Connection second = connect()) {
			first.setAutoCommit(false);
			execute(first, "INSERT INTO notes VALUES ('first')");
			CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> count(second));
			Thread.sleep(300);
			assertThat(waiting).as("the one session is held by the open transaction").isNotDone();
			first.commit();
			assertThat(waiting.get(30, TimeUnit.SECONDS)).as("after the commit, with its row").isEqualTo(1);
			assertThat(this.front.pooler().serverConnections()).isEqualTo(1);
		}
	}

	@Test
	void aFailedTransactionHoldsTheSessionUntilRolledBack() throws Exception {
		try (Connection first = connect(); Connection second = connect()) {
			first.setAutoCommit(false);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(first, "SELECT * FROM missing"));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(first, "SELECT 1"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25P02"));
			CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> count(second));
			Thread.sleep(300);
			assertThat(waiting).isNotDone();
			first.rollback();
			assertThat(waiting.get(30, TimeUnit.SECONDS)).isZero();
		}
	}

	@Test
	void aClientThatLeavesMidTransactionLeavesNothingBehind() throws Exception {
		Connection leaving = connect();
		leaving.setAutoCommit(false);
		execute(leaving, "INSERT INTO notes VALUES ('never committed')");
		leaving.close();
		try (Connection next = connect()) {
			assertThat(count(next)).isZero();
		}
		assertThat(this.front.pooler().serverConnections()).isLessThanOrEqualTo(1);
	}

	@Test
	void unnamedExtendedProtocolStatementsRunAcrossSessions() throws SQLException {
		try (Connection connection = connect();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?)")) {
			for (int i = 0; i < 50; i++) {
				insert.setString(1, "note " + i);
				insert.executeUpdate();
			}
			assertThat(count(connection)).isEqualTo(50);
		}
		assertThat(this.endpoint.statements.get()).isGreaterThanOrEqualTo(51);
	}

	private Connection connect() throws SQLException {
		return FrontBackend.connect(this.front, "any", "prepareThreshold", "0");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM notes")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
