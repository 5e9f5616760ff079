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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmulatedIdentity}: a service principal has a client ID and secret, a user a
 * personal access token, and neither the other's; both may mint until a test says
 * otherwise; and neither shows its secret when printed.
 */
class EmulatedIdentityTests {

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "sp-secret", true);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "ada@example.com",
			"dapi-secret", false);

	@Test
	void aServicePrincipalHasAClientIdAndSecretAndNoPersonalAccessToken() {
		assertThat(this.app.clientId()).isEqualTo(this.app.roleName())
			.isEqualTo("11111111-2222-3333-4444-555555555555");
		assertThat(this.app.clientSecret()).isEqualTo("sp-secret");
		assertThatIllegalStateException().isThrownBy(this.app::personalAccessToken)
			.withMessage("SERVICE_PRINCIPAL[11111111-2222-3333-4444-555555555555] is not a USER");
		assertThat(this.app.hasDatabaseRole()).isTrue();
	}

	@Test
	void aUserHasAPersonalAccessTokenAndNoClientSecret() {
		assertThat(this.user.personalAccessToken()).isEqualTo("dapi-secret");
		assertThat(this.user.roleName()).isEqualTo("ada@example.com");
		assertThatIllegalStateException().isThrownBy(this.user::clientId);
		assertThatIllegalStateException().isThrownBy(this.user::clientSecret);
		assertThat(this.user.hasDatabaseRole()).isFalse();
	}

	@Test
	void thePermissionToMintIsGrantedUntilWithdrawn() {
		assertThat(this.app.hasCredentialPermission()).isTrue();
		this.app.setCredentialPermission(false);
		assertThat(this.app.hasCredentialPermission()).isFalse();
	}

	@Test
	void noSecretIsPrinted() {
		assertThat(this.app.toString()).doesNotContain("sp-secret");
		assertThat(this.user).hasToString("USER[ada@example.com]");
	}

}
