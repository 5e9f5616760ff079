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
import java.sql.Statement;
import java.time.Duration;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmulatedPostgres}: one PostgreSQL behind every endpoint, a database of its own
 * per branch on which every role may work, connection slots a test takes and gives back,
 * a restart that ends sessions and keeps the data, and a superuser connection past the
 * fronts.
 */
class EmulatedPostgresIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().branch("feature"));

	@Test
	void eachBranchHasItsOwnDatabaseOnWhichTheAppsRoleMayWork() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint("feature");
		try (Connection superuser = emulator.postgres().connectAsSuperuser(feature)) {
			assertThat(Sdk.queryString(superuser, "SELECT current_database()"))
				.isEqualTo(LakebaseEmulator.DEFAULT_DATABASE + "__feature");
		}
		try (Connection app = login(feature); Statement statement = app.createStatement()) {
			statement.execute("CREATE TABLE only_on_feature (id int)");
			assertThat(Sdk.queryString(app, "SELECT current_database()"))
				.isEqualTo(LakebaseEmulator.DEFAULT_DATABASE + "__feature");
		}
		try (Connection production = emulator.postgres().connectAsSuperuser(emulator.endpoint())) {
			assertThat(Sdk.queryString(production, "SELECT to_regclass('only_on_feature') IS NULL")).isEqualTo("t");
		}
	}

	@Test
	void takenConnectionSlotsRefuseLoginsUntilGivenBack() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		try (HeldConnections held = emulator.postgres().exhaustConnections(Duration.ofMillis(200))) {
			assertThat(held.count()).isPositive();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> login(emulator.endpoint()).close())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("53300"));
		}
		try (Connection app = login(emulator.endpoint())) {
			assertThat(Sdk.queryString(app, "SELECT 1")).isEqualTo("1");
		}
	}

	@Test
	void aRestartEndsOpenSessionsAndKeepsTheData() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		try (Connection app = login(emulator.endpoint()); Statement statement = app.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS survives (id int)");
			statement.execute("INSERT INTO survives VALUES (1)");
			emulator.postgres().restart(Duration.ofMillis(200));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> Sdk.queryString(app, "SELECT 1"));
		}
		try (Connection app = login(emulator.endpoint())) {
			assertThat(Sdk.queryString(app, "SELECT count(*) > 0 FROM survives")).isEqualTo("t");
		}
	}

	@Test
	void anEmulatorThatIsNotRunningHasNoPostgres() {
		LakebaseEmulator notStarted = LakebaseEmulator.builder().build();
		assertThatIllegalStateException().isThrownBy(() -> notStarted.postgres().exhaustConnections(Duration.ZERO))
			.withMessage("The Lakebase emulator is not running");
		assertThat(EmulatedPostgres.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
	}

	private static Connection login(EmulatedEndpoint endpoint) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		return Sdk.connect(emulator, endpoint, app.roleName(), Sdk.mint(Sdk.m2m(emulator, app), endpoint));
	}

}
