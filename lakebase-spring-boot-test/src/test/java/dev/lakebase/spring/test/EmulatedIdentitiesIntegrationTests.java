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

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EmulatedIdentities}: identities a test adds are Postgres roles when they have a
 * database role and log in with minted credentials, native roles log in with their
 * password, names are unique, and forwarded tokens exist for users only and end when
 * revoked.
 */
class EmulatedIdentitiesIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void aServicePrincipalWithADatabaseRoleLogsInWithAMintedCredential() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity added = emulator.identities().addServicePrincipal(true);
		String token = Sdk.mint(Sdk.m2m(emulator, added), emulator.endpoint());
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(), added.roleName(), token)) {
			assertThat(Sdk.queryString(connection, "SELECT current_user")).isEqualTo(added.roleName());
		}
	}

	@Test
	void withoutADatabaseRoleAMintedCredentialDoesNotLogIn() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity added = emulator.identities().addServicePrincipal(false);
		String token = Sdk.mint(Sdk.m2m(emulator, added), emulator.endpoint());
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> Sdk.connect(emulator, emulator.endpoint(), added.roleName(), token).close())
			.satisfies((ex) -> {
				assertThat(ex.getSQLState()).isEqualTo("28P01");
				assertThat(ex.getMessage()).contains(added.roleName());
			});
	}

	@Test
	void aNativeRoleLogsInWithItsPassword() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("reporting", "native-secret");
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(), "reporting", "native-secret")) {
			assertThat(Sdk.queryString(connection, "SELECT current_user")).isEqualTo("reporting");
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> Sdk.connect(emulator, emulator.endpoint(), "reporting", "wrong").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void aNameIsTakenOnce() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addUser("grace@example.com", true);
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.identities().addUser("grace@example.com", false))
			.withMessage("An identity named grace@example.com exists already");
	}

	@Test
	void forwardedTokensAreForUsersAndEndWhenRevoked() {
		EmulatedIdentities identities = lakebase.emulator().identities();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> identities.forwardedToken(identities.servicePrincipal(), "postgres"))
			.withMessageContaining("is no user");
		String token = identities.forwardedToken(identities.user(), "postgres");
		assertThat(token).startsWith("lbemu-user.").isNotEqualTo(identities.forwardedToken(identities.user()));
		assertThat(identities.revokeForwardedToken(token)).isTrue();
		assertThat(identities.revokeForwardedToken(token)).isFalse();
	}

}
