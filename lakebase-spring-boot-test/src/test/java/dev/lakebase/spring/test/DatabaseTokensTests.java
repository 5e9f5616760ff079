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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database credentials the emulator mints: like Lakebase's, each valid for its own
 * identity until its own expiry, several at once, checked only at login.
 */
class DatabaseTokensTests {

	private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "secret", true);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "someone@example.com",
			"dapi-x", true);

	@Test
	void aTokenIsValidForItsIdentityUntilItsExpiryAndSeveralAreValidAtOnce() {
		DatabaseTokens tokens = new DatabaseTokens(Clock.fixed(START, ZoneOffset.UTC), Duration.ofHours(1));
		DatabaseTokens.Minted first = tokens.mint(this.app, "projects/p/branches/b/endpoints/e", null);
		DatabaseTokens.Minted second = tokens.mint(this.app, "projects/p/branches/b/endpoints/e", null);
		assertThat(first.expiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(first.token()).isNotEqualTo(second.token()).startsWith("lbemu.");
		assertThat(tokens.check(this.app.roleName(), first.token())).isEqualTo(DatabaseTokens.Check.VALID);
		assertThat(tokens.check(this.app.roleName(), second.token())).isEqualTo(DatabaseTokens.Check.VALID);
		assertThat(tokens.check(this.user.roleName(), first.token())).isEqualTo(DatabaseTokens.Check.OTHER_IDENTITY);
		assertThat(tokens.check(this.app.roleName(), "lbemu.never-minted")).isEqualTo(DatabaseTokens.Check.UNKNOWN);
		assertThat(first.toString()).doesNotContain(first.token());
	}

	@Test
	void aTokenExpiresAtItsOwnTimeAndAShorterRequestedLifetimeIsHonoured() {
		MovingClock clock = new MovingClock(START);
		DatabaseTokens tokens = new DatabaseTokens(clock, Duration.ofHours(1));
		DatabaseTokens.Minted shortLived = tokens.mint(this.app, "instance", Duration.ofMinutes(5));
		DatabaseTokens.Minted longer = tokens.mint(this.app, "instance", Duration.ofHours(2));
		assertThat(longer.expiresAt()).as("capped at the lifetime").isEqualTo(START.plus(Duration.ofHours(1)));
		clock.set(START.plus(Duration.ofMinutes(5)));
		assertThat(tokens.check(this.app.roleName(), shortLived.token())).isEqualTo(DatabaseTokens.Check.EXPIRED);
		assertThat(tokens.check(this.app.roleName(), longer.token())).isEqualTo(DatabaseTokens.Check.VALID);
	}

	@Test
	void revokingAnIdentityEndsItsTokensOnlyAndMintsAreCounted() {
		DatabaseTokens tokens = new DatabaseTokens(Clock.fixed(START, ZoneOffset.UTC), Duration.ofHours(1));
		DatabaseTokens.Minted app = tokens.mint(this.app, "target-a", null);
		DatabaseTokens.Minted user = tokens.mint(this.user, "target-a", null);
		tokens.mint(this.user, "target-b", null);
		assertThat(tokens.revoke(this.user)).isEqualTo(2);
		assertThat(tokens.check(this.user.roleName(), user.token())).isEqualTo(DatabaseTokens.Check.UNKNOWN);
		assertThat(tokens.check(this.app.roleName(), app.token())).isEqualTo(DatabaseTokens.Check.VALID);
		assertThat(tokens.mintsForTarget("target-a")).isEqualTo(2);
		assertThat(tokens.mintsForRole(this.user.roleName())).isEqualTo(2);
		assertThat(tokens.totalMints()).isEqualTo(3);
	}

}
