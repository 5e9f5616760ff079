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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DatabaseCopy}: a branch's database is a copy of its source as it is now, made
 * while clients are connected to the source (their sessions end, as the copy needs), and
 * a copy onto a name that exists fails naming both.
 */
class DatabaseCopyIntegrationTests {

	@RegisterExtension
	static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension(20,
			"CREATE DATABASE \"source db\"");

	@BeforeAll
	static void notes() {
		postgres.server().execute("source db", "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('first')");
	}

	@Test
	void theCopyHoldsTheSourcesDataAndIsIndependentOfIt() throws SQLException {
		DatabaseCopy.copy(postgres.server(), "source db", "feature");
		postgres.server().execute("feature", "INSERT INTO notes VALUES ('only on the copy')");
		assertThat(count("feature")).isEqualTo(2);
		assertThat(count("source db")).isEqualTo(1);
	}

	@Test
	void aClientConnectedToTheSourceDoesNotStopTheCopy() throws SQLException {
		try (Connection client = postgres.server().connectAsSuperuser("source db")) {
			DatabaseCopy.copy(postgres.server(), "source db", "while-connected");
			assertThat(client.isValid(5)).as("the source's session was ended for the copy").isFalse();
		}
		assertThat(count("while-connected")).isEqualTo(1);
	}

	@Test
	void aCopyOntoANameThatExistsFailsNamingBoth() {
		DatabaseCopy.copy(postgres.server(), "source db", "taken");
		assertThatIllegalStateException().isThrownBy(() -> DatabaseCopy.copy(postgres.server(), "source db", "taken"))
			.withMessageStartingWith("Could not copy database source db as taken: ");
	}

	private static long count(String database) throws SQLException {
		try (Connection connection = postgres.server().connectAsSuperuser(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM notes")) {
			result.next();
			return result.getLong(1);
		}
	}

}
