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

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EmulatedTokens}: a test's view of the minted credentials: their lifetime from
 * now on, revocation of one identity's, and the mints counted in all and per identity.
 */
class EmulatedTokensTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final DatabaseTokens minted = new DatabaseTokens(new MovingClock(START), Duration.ofHours(1));

	private final EmulatedTokens tokens = new EmulatedTokens(this.minted);

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "secret", true);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "ada@example.com",
			"dapi-ada", true);

	@Test
	void theLifetimeAppliesToCredentialsMintedFromNowOnAndMustBePositive() {
		DatabaseTokens.Minted before = this.minted.mint(this.app, "e", null);
		this.tokens.setLifetime(Duration.ofSeconds(2));
		DatabaseTokens.Minted after = this.minted.mint(this.app, "e", null);
		assertThat(before.expiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(after.expiresAt()).isEqualTo(START.plusSeconds(2));
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.setLifetime(Duration.ZERO))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.setLifetime(Duration.ofSeconds(-1)));
	}

	@Test
	void revokingEndsOneIdentitysCredentialsAndMintsStayCounted() {
		DatabaseTokens.Minted app1 = this.minted.mint(this.app, "e", null);
		this.minted.mint(this.app, "e", null);
		DatabaseTokens.Minted ada = this.minted.mint(this.user, "e", null);
		assertThat(this.tokens.revoke(this.app)).isEqualTo(2);
		assertThat(this.tokens.revoke(this.app)).isZero();
		assertThat(this.minted.check(this.app.roleName(), app1.token())).isNotEqualTo(DatabaseTokens.Check.VALID);
		assertThat(this.minted.check("ada@example.com", ada.token())).isEqualTo(DatabaseTokens.Check.VALID);
		assertThat(this.tokens.mintCount()).isEqualTo(3);
		assertThat(this.tokens.mintCount(this.app)).isEqualTo(2);
		assertThat(this.tokens.mintCount(this.user)).isEqualTo(1);
	}

}
