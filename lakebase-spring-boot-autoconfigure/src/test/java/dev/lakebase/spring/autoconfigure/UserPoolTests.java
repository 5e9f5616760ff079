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

package dev.lakebase.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link UserPool}: one user's pool, named by a hash of the user, with the credential it
 * holds and whether work is in it.
 */
class UserPoolTests {

	private static final Instant MINTED = Instant.parse("2026-12-07T10:00:00Z");

	@Test
	void itsKeyIsAStableHashOfTheUserNeverTheUser() {
		UserPool pool = new UserPool("ada@example.com");
		assertThat(pool.key()).hasSize(12).isEqualTo(UserPool.key("ada@example.com")).doesNotContain("ada");
		assertThat(pool.key()).isNotEqualTo(UserPool.key("bob@example.com"));
		assertThat(pool).hasToString("UserPool[" + pool.key() + "]");
		assertThat(pool.identity()).isEqualTo("ada@example.com");
	}

	@Test
	void aPoolNeedsACredentialUntilItHoldsOneAndAgainInsideItsRefreshWindow() {
		UserPool pool = new UserPool("ada@example.com");
		assertThat(pool.needsCredential(MINTED)).isTrue();
		assertThat(pool.token()).isNull();
		pool.credential(new MintedCredential("user-token-1", MINTED.plus(Duration.ofHours(1)), MINTED),
				Duration.ofMinutes(5));
		assertThat(pool.token()).isEqualTo("user-token-1");
		assertThat(pool.needsCredential(MINTED.plus(Duration.ofMinutes(54)))).isFalse();
		assertThat(pool.needsCredential(MINTED.plus(Duration.ofMinutes(55)))).isTrue();
	}

	@Test
	void aShortLivedCredentialIsRenewedAtHalfItsLifetime() {
		UserPool pool = new UserPool("ada@example.com");
		pool.credential(new MintedCredential("user-token-1", MINTED.plus(Duration.ofMinutes(6)), MINTED),
				Duration.ofMinutes(5));
		assertThat(pool.needsCredential(MINTED.plus(Duration.ofMinutes(2)))).isFalse();
		assertThat(pool.needsCredential(MINTED.plus(Duration.ofMinutes(3)))).isTrue();
	}

	@Test
	void itIsIdleWithNoScopeInItAndNoConnectionInUse() {
		UserPool pool = new UserPool("ada@example.com");
		assertThat(pool.idle()).isTrue();
		assertThat(pool.connections()).isZero();
		long before = pool.lastUsedNanos();
		pool.enter();
		assertThat(pool.idle()).isFalse();
		assertThat(pool.lastUsedNanos()).isGreaterThanOrEqualTo(before);
		pool.exit();
		assertThat(pool.idle()).isTrue();
	}

	@Test
	void itsDataSourceIsThereOnlyOnceOpenAndClosesWithIt() {
		UserPool pool = new UserPool("ada@example.com");
		assertThatIllegalStateException().isThrownBy(pool::dataSource).withMessage("The pool of a user is not open");
		pool.close();
		HikariDataSource dataSource = new HikariDataSource();
		pool.open(dataSource);
		assertThat(pool.dataSource()).isSameAs(dataSource);
		assertThat(pool.loggedIn()).isFalse();
		pool.loggedIn(true);
		assertThat(pool.loggedIn()).isTrue();
		pool.close();
		assertThat(dataSource.isClosed()).isTrue();
	}

}
