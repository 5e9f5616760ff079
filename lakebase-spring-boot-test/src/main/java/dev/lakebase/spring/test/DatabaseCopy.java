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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies a database as a new branch's: PostgreSQL copies a database only while no one is
 * connected to it, so the sessions on the source are ended first (as a restart of its
 * compute would), and the copy is tried again if a client reconnects in between.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DatabaseCopy {

	private static final String OBJECT_IN_USE = "55006";

	private static final int ATTEMPTS = 50;

	private DatabaseCopy() {
	}

	/**
	 * Create a database as a copy of another.
	 * @param server the PostgreSQL server
	 * @param source the database to copy
	 * @param target the new database
	 */
	static void copy(EmbeddedPostgresServer server, String source, String target) {
		try (Connection connection = server.connectAsSuperuser("postgres");
				PreparedStatement terminate = connection.prepareStatement(
						"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()");
				Statement create = connection.createStatement()) {
			terminate.setString(1, source);
			for (int attempt = 1;; attempt++) {
				terminate.executeQuery().close();
				try {
					create.execute("CREATE DATABASE " + quote(target) + " TEMPLATE " + quote(source));
					return;
				}
				catch (SQLException ex) {
					if (!OBJECT_IN_USE.equals(ex.getSQLState()) || attempt == ATTEMPTS) {
						throw ex;
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not copy database " + source + " as " + target + ": " + ex.getMessage(), ex);
		}
	}

	private static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
