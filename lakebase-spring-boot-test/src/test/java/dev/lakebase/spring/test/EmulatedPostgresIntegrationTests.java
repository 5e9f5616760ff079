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
 * per branch on which the app's role may work, connection slots a test takes and gives
 * back, a restart that ends sessions, answers {@code 57P03} while down and keeps the
 * data, and a superuser connection past the fronts.
 */
class EmulatedPostgresIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().branch("feature").maxConnections(20));

	@Test
	void eachBranchHasItsOwnDatabaseOnWhichTheAppsRoleMayWork() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint("feature");
		try (Connection production = login(emulator.endpoint()); Connection branch = login(feature)) {
			execute(branch, "CREATE TABLE only_on_feature (id int)");
			assertThat(Sdk.queryString(branch, "SELECT current_database()"))
				.isEqualTo(LakebaseEmulator.DEFAULT_DATABASE + "__feature");
			assertThat(Sdk.queryString(production, "SELECT to_regclass('only_on_feature')::text")).isNull();
		}
		try (Connection superuser = emulator.postgres().connectAsSuperuser(feature)) {
			assertThat(Sdk.queryString(superuser, "SELECT to_regclass('only_on_feature')::text"))
				.isEqualTo("only_on_feature");
		}
	}

	@Test
	void takenConnectionSlotsRefuseLoginsWith53300UntilGivenBack() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		String token = token(emulator.endpoint());
		try (HeldConnections held = emulator.postgres().exhaustConnections(Duration.ZERO)) {
			assertThat(held.count()).isBetween(1, 20);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> login(emulator.endpoint(), token).close())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("53300"));
		}
		try (Connection app = login(emulator.endpoint(), token)) {
			assertThat(Sdk.queryString(app, "SELECT 'ok'")).isEqualTo("ok");
		}
	}

	@Test
	void aRestartEndsOpenSessionsAnswers57P03WhileDownAndKeepsTheData() throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		String token = token(emulator.endpoint());
		try (Connection before = login(emulator.endpoint(), token)) {
			execute(before, "CREATE TABLE survives_restart (id int)");
			execute(before, "INSERT INTO survives_restart VALUES (42)");
		}
		Thread restart = new Thread(() -> emulator.postgres().restart(Duration.ofSeconds(2)));
		try (Connection open = login(emulator.endpoint(), token)) {
			restart.start();
			Thread.sleep(1000);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(open, "SELECT 1"));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> login(emulator.endpoint(), token).close())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("57P03"));
		}
		restart.join();
		try (Connection after = login(emulator.endpoint(), token)) {
			assertThat(Sdk.queryString(after, "SELECT id::text FROM survives_restart")).isEqualTo("42");
		}
	}

	@Test
	void anEmulatorThatIsNotRunningHasNoPostgres() {
		LakebaseEmulator notStarted = LakebaseEmulator.builder().build();
		assertThatIllegalStateException().isThrownBy(() -> notStarted.postgres().exhaustConnections(Duration.ZERO))
			.withMessage("The Lakebase emulator is not running");
		assertThat(EmulatedPostgres.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
	}

	private static String token(EmulatedEndpoint endpoint) {
		LakebaseEmulator emulator = lakebase.emulator();
		return Sdk.mint(Sdk.m2m(emulator, emulator.identities().servicePrincipal()), endpoint);
	}

	private static Connection login(EmulatedEndpoint endpoint) throws SQLException {
		return login(endpoint, token(endpoint));
	}

	private static Connection login(EmulatedEndpoint endpoint, String token) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		return Sdk.connect(emulator, endpoint, emulator.identities().servicePrincipal().roleName(), token);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
