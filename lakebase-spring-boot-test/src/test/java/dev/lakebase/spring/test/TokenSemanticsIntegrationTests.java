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

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Token semantics as on the real service: several valid tokens at once, expiry checked
 * only at login, identity bound, revocation. Who may log in at all is in
 * {@link EmulatedIdentitiesIntegrationTests}; TLS and cancel requests in
 * {@link PostgresFrontIntegrationTests}.
 */
class TokenSemanticsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void expiredTokenIsRefusedAtLoginWhileSessionOpenedBeforeKeepsRunning() throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		emulator.tokens().setLifetime(Duration.ofSeconds(2));
		try {
			String token = Sdk.mint(Sdk.m2m(emulator, app), emulator.endpoint());
			try (Connection early = Sdk.connect(emulator, emulator.endpoint(), app.roleName(), token)) {
				Thread.sleep(2500);
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> Sdk.connect(emulator, emulator.endpoint(), app.roleName(), token))
					.satisfies((ex) -> {
						assertThat(ex.getSQLState()).isEqualTo("28P01");
						assertThat(ex.getMessage())
							.contains("password authentication failed for user \"" + app.roleName() + "\"");
					});
				assertThat(Sdk.queryString(early, "SELECT 'still running'")).isEqualTo("still running");
			}
		}
		finally {
			emulator.tokens().setLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void previousAndNewTokenBothLogInAfterSecondMint() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		WorkspaceClient workspace = Sdk.m2m(emulator, app);
		String first = Sdk.mint(workspace, emulator.endpoint());
		String second = Sdk.mint(workspace, emulator.endpoint());
		assertThat(second).isNotEqualTo(first);
		try (Connection old = Sdk.connect(emulator, emulator.endpoint(), app.roleName(), first);
				Connection fresh = Sdk.connect(emulator, emulator.endpoint(), app.roleName(), second)) {
			assertThat(Sdk.queryString(old, "SELECT current_user")).isEqualTo(app.roleName());
			assertThat(Sdk.queryString(fresh, "SELECT current_user")).isEqualTo(app.roleName());
		}
	}

	@Test
	void tokenOfOneIdentityDoesNotLogInAsAnother() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		String appToken = Sdk.mint(Sdk.m2m(emulator, emulator.identities().servicePrincipal()), emulator.endpoint());
		long failedBefore = emulator.endpoint().counters().failedLogins();
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(
					() -> Sdk.connect(emulator, emulator.endpoint(), emulator.identities().user().roleName(), appToken))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		assertThat(emulator.endpoint().counters().failedLogins()).isEqualTo(failedBefore + 1);
	}

	@Test
	void revokedTokenIsRefusedWhileOpenSessionKeepsRunning() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity developer = emulator.identities().addUser("revoked@example.com", true);
		String token = Sdk.mint(Sdk.pat(emulator, developer), emulator.endpoint());
		try (Connection open = Sdk.connect(emulator, emulator.endpoint(), developer.roleName(), token)) {
			assertThat(emulator.tokens().revoke(developer)).isEqualTo(1);
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> Sdk.connect(emulator, emulator.endpoint(), developer.roleName(), token))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
			assertThat(Sdk.queryString(open, "SELECT 1")).isEqualTo("1");
		}
	}

}
