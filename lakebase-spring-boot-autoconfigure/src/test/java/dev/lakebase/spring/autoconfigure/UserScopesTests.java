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

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.users.UserAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link UserScopes}: the refusals that come before any connection, each without running
 * the work and never as the app, and the bound on concurrent mints.
 */
class UserScopesTests {

	private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();

	private final UserPools pools = new UserPools(5, (pool) -> new HikariDataSource(), this.housekeeping);

	private final UserIdentities identities = new UserIdentities((token) -> switch (token) {
		case "ada-token" -> "ada@example.com";
		case "bob-token" -> "bob@example.com";
		default -> throw new IllegalStateException("unknown token");
	});

	private final AtomicBoolean ran = new AtomicBoolean();

	@AfterEach
	void close() {
		RequestContextHolder.resetRequestAttributes();
		TransactionSynchronizationManager.setActualTransactionActive(false);
		this.pools.destroy();
		this.housekeeping.shutdownNow();
	}

	@Test
	void withoutAUserTokenItIs401AndTheWorkDoesNotRun() {
		request(null, null);
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> scopes((token) -> {
			throw new AssertionError("no mint without a token");
		}, 4).asUser(this::work)).satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		assertThat(this.ran).isFalse();
		assertThat(this.pools.poolCount()).isZero();
	}

	@Test
	void anEmailThatIsNotTheTokensIs403AndTheWorkDoesNotRun() {
		request("ada-token", "bob@example.com");
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> scopes((token) -> {
			throw new AssertionError("no mint for a forged e-mail");
		}, 4).asUser(this::work)).satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
		assertThat(this.ran).isFalse();
		assertThat(this.pools.poolCount()).isZero();
	}

	@Test
	void aUserScopeMayNotStartInsideATransactionOfTheApp() {
		request("ada-token", "ada@example.com");
		TransactionSynchronizationManager.setActualTransactionActive(true);
		assertThatIllegalStateException().isThrownBy(() -> scopes(this::unexpectedMint, 4).asUser(this::work))
			.withMessageContaining("must start before the transaction");
		assertThat(this.ran).isFalse();
	}

	@Test
	void asAppRunsOutsideAUsersTransactionAndNotInsideOne() throws Throwable {
		UserScopes scopes = scopes(this::unexpectedMint, 4);
		assertThat(scopes.asApp(() -> scopes.currentUser())).isNull();
		UserPool pool = this.pools.acquire("ada@example.com");
		TransactionSynchronizationManager.setActualTransactionActive(true);
		UserScope.within(pool, () -> {
			assertThat(scopes.currentUser()).isEqualTo("ada@example.com");
			assertThatIllegalStateException().isThrownBy(() -> scopes.asApp(this::work))
				.withMessageContaining("LakebaseUsers.asApp must start before the transaction");
			return null;
		});
		assertThat(this.ran).isFalse();
	}

	@Test
	void moreUsersMintingAtOnceThanAllowedAreAnswered503WithRetryAfter() throws Exception {
		CountDownLatch minting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		UserScopes scopes = scopes((token) -> {
			minting.countDown();
			await(release);
			throw new IllegalStateException("the workspace is slow");
		}, 1);
		CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> {
			request("ada-token", null);
			return scopes.asUser(this::work);
		}, this.housekeeping);
		assertThat(minting.await(10, TimeUnit.SECONDS)).isTrue();
		request("bob-token", null);
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> scopes.asUser(this::work))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getRetryAfter()).isNotNull();
			});
		release.countDown();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> first.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(UserAccessException.class);
		assertThat(this.ran).isFalse();
	}

	private Object work() {
		this.ran.set(true);
		return "done";
	}

	private MintedCredential unexpectedMint(String token) {
		throw new AssertionError("no mint expected");
	}

	private UserScopes scopes(Function<String, MintedCredential> mint, int maxConcurrentMints) {
		return new UserScopes(this.pools, this.identities, mint, () -> null,
				new UserScopes.Settings(maxConcurrentMints, Duration.ofMillis(200), Duration.ofMinutes(5)),
				"endpoint projects/p/branches/b/endpoints/e", LakebaseEvents.NONE, Clock.systemUTC());
	}

	private static void request(String token, String email) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (token != null) {
			request.addHeader(UserScopes.TOKEN_HEADER, token);
		}
		if (email != null) {
			request.addHeader(UserScopes.EMAIL_HEADER, email);
		}
		RequestAttributes attributes = new ServletRequestAttributes(request);
		RequestContextHolder.setRequestAttributes(attributes);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
