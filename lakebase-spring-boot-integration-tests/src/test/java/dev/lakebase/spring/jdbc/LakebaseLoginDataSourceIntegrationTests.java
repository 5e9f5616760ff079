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

package dev.lakebase.spring.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

import dev.lakebase.spring.test.EndpointCounters;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LakebaseLoginDataSource} without a credential cache, as the users' pools use it:
 * the password the pool hands over logs in; none fails at once; a refused one is recorded
 * as an authentication failure and tried once, not again with another.
 */
class LakebaseLoginDataSourceIntegrationTests {

	private static final String ROLE = "handed_over";

	private static final String PASSWORD = UUID.randomUUID().toString();

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@BeforeAll
	static void addRole() {
		lakebase.emulator().identities().addNativeRole(ROLE, PASSWORD);
	}

	@Test
	void aPasswordHandedOverLogsIn() throws SQLException {
		LakebaseLoginDataSource dataSource = dataSource();
		try (Connection connection = dataSource.getConnection(ROLE, PASSWORD)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat((Throwable) dataSource.lastAuthFailure()).isNull();
	}

	@Test
	void withoutAPasswordALoginFailsAtOnceSayingSo() {
		EndpointCounters counters = lakebase.emulator().endpoint().counters();
		long logins = counters.logins();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource().getConnection())
			.withMessage("No Lakebase credential was handed over for " + ROLE)
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		assertThat(counters.logins()).isEqualTo(logins);
	}

	@Test
	void aRefusedPasswordIsAnAuthFailureTriedOnce() {
		EndpointCounters counters = lakebase.emulator().endpoint().counters();
		long refused = counters.failedLogins();
		LakebaseLoginDataSource dataSource = dataSource();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection(ROLE, "wrong"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		assertThat((Throwable) dataSource.lastAuthFailure()).isNotNull();
		assertThat(counters.failedLogins()).isEqualTo(refused + 1);
	}

	private static LakebaseLoginDataSource dataSource() {
		String url = lakebase.emulator().jdbcUrl(lakebase.emulator().endpoint());
		return new LakebaseLoginDataSource(url, ROLE, new Properties(), null, LakebaseEvents.NONE);
	}

}
