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
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HeldConnections}: every connection slot of a PostgreSQL taken, so that the next
 * connect fails with {@code 53300}, and given back when closed.
 */
class HeldConnectionsIntegrationTests {

	@RegisterExtension
	static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension(10);

	@Test
	void everyConnectionSlotCanBeTakenAndGivenBack() throws SQLException {
		try (HeldConnections held = HeldConnections.take(postgres.server(), Duration.ofMillis(200))) {
			assertThat(held.count()).isBetween(8, 10);
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> postgres.server().connectAsSuperuser("postgres"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("53300"));
		}
		try (Connection connection = postgres.server().connectAsSuperuser("postgres")) {
			assertThat(Sdk.queryString(connection, "SELECT 1")).isEqualTo("1");
		}
	}

}
