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

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh point and the end of use that a credential gets when it is cached.
 */
class CachedCredentialTests {

	private static final Instant MINTED = Instant.parse("2026-12-03T12:00:00Z");

	@Test
	void anHourLongCredentialIsRefreshedInTheWindowAndUsedUntil30SecondsBeforeExpiry() {
		CachedCredential cached = CachedCredential.of(credential(Duration.ofHours(1)), Duration.ofMinutes(5));
		assertThat(cached.refreshAt()).isEqualTo(MINTED.plus(Duration.ofMinutes(55)));
		assertThat(cached.usableUntil()).isEqualTo(MINTED.plus(Duration.ofMinutes(59).plusSeconds(30)));
		assertThat(cached.neverExpires()).isFalse();
	}

	@Test
	void aShortCredentialIsRefreshedAtHalfItsLifeAndUsedUntilATenthBeforeExpiry() {
		CachedCredential cached = CachedCredential.of(credential(Duration.ofSeconds(6)), Duration.ofMinutes(5));
		assertThat(cached.refreshAt()).isEqualTo(MINTED.plusSeconds(3));
		assertThat(cached.usableUntil()).isEqualTo(MINTED.plusMillis(5400));
	}

	@Test
	void oneLoginObjectPerUserName() {
		CachedCredential cached = CachedCredential.of(credential(Duration.ofHours(1)), Duration.ofMinutes(5));
		String user = "app";
		assertThat(cached.login(user)).isSameAs(cached.login(user));
		assertThat(cached.login(user).getPassword()).isEqualTo(cached.credential().token());
		assertThat(cached.login("other").getUsername()).isEqualTo("other");
	}

	private static MintedCredential credential(Duration lifetime) {
		return new MintedCredential("token", MINTED.plus(lifetime), MINTED);
	}

}
