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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CredentialSource}: a native password is a credential that never expires and is
 * never refreshed, and failures are described by their message.
 */
class CredentialSourceTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void aNativePasswordNeverExpiresAndIsNotRefreshed() {
		CredentialSource source = CredentialSource.nativePassword("native-secret", this.clock);
		MintedCredential credential = source.mint();
		assertThat(credential.token()).isEqualTo("native-secret");
		assertThat(credential.expiresAt()).isEqualTo(Instant.MAX);
		assertThat(credential.mintedAt()).isEqualTo(this.clock.instant());
		assertThat(source.refreshable()).isFalse();
		assertThat(source.kind()).isEqualTo("native");
		assertThat(source.target()).isEqualTo("a native Postgres password").doesNotContain("native-secret");
	}

	@Test
	void aFailureIsDescribedByItsMessageElseItsTypeWithAnActionNamingTheTarget() {
		CredentialSource source = CredentialSource.nativePassword("native-secret", this.clock);
		assertThat(source.describe(new IllegalStateException("HTTP 503"))).isEqualTo("HTTP 503");
		assertThat(source.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
		assertThat(source.action(new IllegalStateException()))
			.isEqualTo("Check that a native Postgres password can be reached, then restart the application.");
	}

}
