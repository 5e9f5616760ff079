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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.users.UserAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UserPools} and {@link UserPool}: one pool per identity, named by a hash, the
 * least recently used idle one closed at the cap, 503 when every pool is busy, and a
 * user's credential renewed only inside its refresh window.
 */
class UserPoolsTests {

	private final List<HikariDataSource> opened = new ArrayList<>();

	private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void close() {
		this.opened.forEach(HikariDataSource::close);
		this.housekeeping.shutdownNow();
	}

	private UserPools pools(int max) {
		return new UserPools(max, (pool) -> {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setPoolName("lakebase-user-" + pool.key());
			this.opened.add(dataSource);
			return dataSource;
		}, this.housekeeping);
	}

	@Test
	void oneIdentityHasOnePoolNamedByAHashOfIt() {
		UserPools pools = pools(5);
		UserPool first = pools.acquire("ada@example.com");
		pools.release(first);
		UserPool again = pools.acquire("ada@example.com");
		pools.release(again);
		assertThat(again).isSameAs(first);
		assertThat(pools.poolCount()).isOne();
		assertThat(first.dataSource().getPoolName()).matches("lakebase-user-[0-9a-f]{12}").doesNotContain("ada");
	}

	@Test
	void atTheCapANewUserTakesThePlaceOfTheLeastRecentlyUsedIdlePool() {
		UserPools pools = pools(2);
		UserPool ada = pools.acquire("ada@example.com");
		pools.release(ada);
		UserPool bob = pools.acquire("bob@example.com");
		pools.release(bob);
		pools.release(pools.acquire("ada@example.com"));
		UserPool carol = pools.acquire("carol@example.com");
		pools.release(carol);
		assertThat(pools.poolCount()).isEqualTo(2);
		assertThat(bob.dataSource().isClosed()).isTrue();
		assertThat(ada.dataSource().isClosed()).isFalse();
	}

	@Test
	void atTheCapWithEveryPoolBusyANewUserIsAnswered503WithRetryAfter() {
		UserPools pools = pools(1);
		UserPool ada = pools.acquire("ada@example.com");
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> pools.acquire("bob@example.com"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(503);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("5");
				assertThat(ex.getBody().getDetail()).isNull();
			});
		pools.release(ada);
		pools.release(pools.acquire("bob@example.com"));
		assertThat(ada.dataSource().isClosed()).isTrue();
	}

	@Test
	void closingClosesEveryPool() {
		UserPools pools = pools(3);
		UserPool ada = pools.acquire("ada@example.com");
		pools.release(ada);
		pools.destroy();
		assertThat(ada.dataSource().isClosed()).isTrue();
		assertThat(pools.poolCount()).isZero();
	}

	@Test
	void aCredentialIsRenewedOnlyInsideItsRefreshWindowOrHalfItsLifetime() {
		UserPool pool = new UserPool("ada@example.com");
		Instant now = Instant.parse("2026-12-06T12:00:00Z");
		assertThat(pool.needsCredential(now)).isTrue();
		pool.credential(new MintedCredential("token", now.plus(Duration.ofHours(1)), now), Duration.ofMinutes(5));
		assertThat(pool.token()).isEqualTo("token");
		assertThat(pool.needsCredential(now.plus(Duration.ofMinutes(54)))).isFalse();
		assertThat(pool.needsCredential(now.plus(Duration.ofMinutes(55)))).isTrue();
		pool.credential(new MintedCredential("short", now.plusSeconds(4), now), Duration.ofMinutes(5));
		assertThat(pool.needsCredential(now.plusMillis(1999))).isFalse();
		assertThat(pool.needsCredential(now.plusSeconds(2))).isTrue();
	}

}
