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

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The credential cache on its own, with a clock the test moves and a source that counts
 * mints. The integration tests prove the same against the real SDK and emulator.
 */
class CredentialCacheTests {

	private final MutableClock clock = new MutableClock();

	private final CountingSource source = new CountingSource(this.clock, Duration.ofMinutes(60));

	private final CredentialCache credentials = new CredentialCache(() -> this.source, settings(), this.clock);

	@AfterEach
	void close() {
		this.credentials.destroy();
	}

	private static CredentialCache.Settings settings() {
		return new CredentialCache.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50),
				Duration.ofMillis(200));
	}

	@Test
	void validTokenIsServedFromMemory() throws SQLException {
		String first = this.credentials.token();
		for (int i = 0; i < 1000; i++) {
			assertThat(this.credentials.currentToken()).isEqualTo(first);
		}
		assertThat(this.source.mints.get()).isEqualTo(1);
	}

	@Test
	void prefetchMintsInTheBackgroundAndTheFirstLoginSharesIt() throws Exception {
		this.source.delay = Duration.ofMillis(300);
		this.credentials.prefetch();
		this.credentials.prefetch();
		assertThat(this.credentials.currentToken()).as("the prefetch does not block").isNull();
		assertThat(this.credentials.token()).isEqualTo("token-1");
		this.credentials.prefetch();
		this.credentials.awaitBackgroundWork(Duration.ofSeconds(10));
		assertThat(this.source.attempts.get()).as("one mint for the prefetches and the login").isEqualTo(1);
	}

	@Test
	void prefetchAfterAFailedMintLeavesTheRetryToTheBackoff() throws Exception {
		CredentialCache credentials = new CredentialCache(() -> this.source, slowRetries(), this.clock);
		try {
			this.source.failures.set(1);
			credentials.prefetch();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (credentials.lastError() == null && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			credentials.prefetch();
			credentials.awaitBackgroundWork(Duration.ofSeconds(10));
			assertThat(this.source.attempts.get()).isEqualTo(1);
			assertThat(credentials.lastError()).hasMessage("workspace unavailable");
		}
		finally {
			credentials.destroy();
		}
	}

	@Test
	void aFailedMintIsRetriedByItselfUntilACredentialIsHad() throws Exception {
		this.source.failures.set(3);
		this.credentials.prefetch();
		// Nothing asks for a credential from here on: no login, no health check
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.credentials.current() == null && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.credentials.current()).isNotNull();
		assertThat(this.credentials.lastError()).isNull();
		assertThat(this.source.attempts.get()).isEqualTo(4);
		Thread.sleep(500);
		this.credentials.awaitBackgroundWork(Duration.ofSeconds(10));
		assertThat(this.source.attempts.get()).as("no attempt once a credential is had").isEqualTo(4);
	}

	@Test
	void closingFailsALoginThatWaitsForAMintAtOnceSayingSo() throws Exception {
		CredentialCache.Settings settings = new CredentialCache.Settings(Duration.ofMinutes(5), Duration.ofMinutes(2),
				Duration.ofMillis(50), Duration.ofMillis(200));
		CredentialCache credentials = new CredentialCache(() -> this.source, settings, this.clock);
		CountDownLatch hang = new CountDownLatch(1);
		this.source.hang = hang;
		try {
			CompletableFuture<String> login = CompletableFuture.supplyAsync(() -> {
				try {
					return credentials.token();
				}
				catch (SQLException ex) {
					throw new CompletionException(ex);
				}
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.source.attempts.get() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			credentials.destroy();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> login.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(SQLException.class)
				.withMessageContaining("The Lakebase DataSource closed")
				.withMessageContaining("endpoint projects/p/branches/b/endpoints/e");
			assertThatExceptionOfType(SQLException.class).isThrownBy(credentials::token)
				.withMessageContaining("The Lakebase DataSource closed");
		}
		finally {
			hang.countDown();
			credentials.destroy();
		}
	}

	@Test
	void nothingStartsAMintOnceClosed() throws Exception {
		CredentialCache credentials = new CredentialCache(() -> this.source, slowRetries(), this.clock);
		this.source.failures.set(Integer.MAX_VALUE);
		credentials.prefetch();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (credentials.lastError() == null && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		credentials.destroy();
		this.clock.advance(Duration.ofMinutes(10));
		int attempts = this.source.attempts.get();
		credentials.retryInBackground();
		credentials.prefetch();
		assertThatExceptionOfType(SQLException.class).isThrownBy(credentials::token)
			.withMessageContaining("The Lakebase DataSource closed");
		assertThat(this.source.attempts.get()).isEqualTo(attempts);
	}

	private static CredentialCache.Settings slowRetries() {
		return new CredentialCache.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(1),
				Duration.ofMinutes(2));
	}

	@Test
	void insideRefreshWindowCurrentTokenIsServedAndOneBackgroundRefreshRuns() throws Exception {
		String first = this.credentials.token();
		this.source.delay = Duration.ofMillis(300);
		this.clock.advance(Duration.ofMinutes(56));
		for (int i = 0; i < 100; i++) {
			assertThat(this.credentials.currentToken()).isEqualTo(first);
		}
		awaitTokenOtherThan(this.credentials, first);
		this.credentials.awaitBackgroundWork(Duration.ofSeconds(10));
		assertThat(this.source.mints.get()).isEqualTo(2);
	}

	@Test
	void onTheSystemClockATimerEndsFreshnessAtTheRefreshPoint() throws Exception {
		CountingSource systemSource = new CountingSource(Clock.systemUTC(), Duration.ofSeconds(8));
		CredentialCache.Settings settings = new CredentialCache.Settings(Duration.ofSeconds(4), Duration.ofSeconds(5),
				Duration.ofMillis(50), Duration.ofMillis(200));
		CredentialCache timed = new CredentialCache(() -> systemSource, settings, Clock.systemUTC());
		try {
			String first = timed.token();
			Credentials login = timed.login("app-user");
			assertThat(login.getPassword()).isEqualTo(first);
			for (int i = 0; i < 1000; i++) {
				assertThat(timed.currentToken()).isEqualTo(first);
				assertThat(timed.login("app-user")).isSameAs(login);
			}
			assertThat(systemSource.mints.get()).as("no refresh before the refresh point").isEqualTo(1);
			// The refresh point is 4 s after the mint, the token usable until 7.2 s
			Thread.sleep(4200);
			assertThat(timed.currentToken()).as("still usable inside the window").isEqualTo(first);
			awaitTokenOtherThan(timed, first);
			assertThat(systemSource.mints.get()).as("the login after the refresh point refreshed").isEqualTo(2);
		}
		finally {
			timed.destroy();
		}
	}

	@Test
	void concurrentCallersWithoutTokenShareOneMint() throws Exception {
		this.source.delay = Duration.ofMillis(200);
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				tokens.add(pool.submit(() -> {
					start.await();
					return this.credentials.token();
				}));
			}
			start.countDown();
			String expected = tokens.get(0).get(10, TimeUnit.SECONDS);
			for (Future<String> token : tokens) {
				assertThat(token.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.source.mints.get()).isEqualTo(1);
	}

	@Test
	void aLoginThatFindsNoCredentialJustAsAMintEndsTakesThatOneAndStartsNoOther() throws Exception {
		assertThat(this.credentials.token()).isEqualTo("token-1");
		this.clock.advance(Duration.ofMinutes(61));
		CountDownLatch hang = new CountDownLatch(1);
		this.source.hang = hang;
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<String> waiting = other.submit(this.credentials::token);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.source.attempts.get() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			// This login finds token-1 expired; the mint in flight ends before it goes on
			this.clock.onNextRead(Thread.currentThread(), () -> {
				hang.countDown();
				awaitCurrent(this.credentials, "token-2");
			});
			assertThat(this.credentials.token()).isEqualTo("token-2");
			assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("token-2");
			this.credentials.awaitBackgroundWork(Duration.ofSeconds(10));
			assertThat(this.source.attempts.get()).as("mints").isEqualTo(2);
		}
		finally {
			hang.countDown();
			other.shutdownNow();
		}
	}

	private static void awaitCurrent(CredentialCache credentials, String token) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			MintedCredential current = credentials.current();
			if (current != null && current.token().equals(token)) {
				return;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("no " + token + " within 10 s");
	}

	@Test
	void failedRefreshKeepsValidTokenAndRetriesWithBackoff() throws Exception {
		String first = this.credentials.token();
		this.source.failures.set(2);
		this.clock.advance(Duration.ofMinutes(56));
		assertThat(this.credentials.currentToken()).isEqualTo(first);
		awaitTokenOtherThan(this.credentials, first);
		assertThat(this.source.mints.get()).isEqualTo(2);
		assertThat(this.source.attempts.get()).isEqualTo(4);
		assertThat(this.credentials.lastError()).isNull();
	}

	@Test
	void expiredTokenWithFailingSourceFailsWithCauseAndDoesNotHammer() throws Exception {
		CredentialCache credentials = new CredentialCache(() -> this.source, slowRetries(), this.clock);
		try {
			credentials.token();
			this.source.failures.set(Integer.MAX_VALUE);
			this.clock.advance(Duration.ofMinutes(61));
			assertThatExceptionOfType(SQLException.class).isThrownBy(credentials::token).satisfies((ex) -> {
				assertThat(ex.getSQLState()).isEqualTo("28000");
				assertThat(ex.getMessage()).contains("endpoint projects/p/branches/b/endpoints/e")
					.contains("workspace unavailable");
			});
			int attempts = this.source.attempts.get();
			assertThatExceptionOfType(SQLException.class).isThrownBy(credentials::token);
			assertThat(this.source.attempts.get()).as("no new mint within the backoff").isEqualTo(attempts);
		}
		finally {
			credentials.destroy();
		}
	}

	@Test
	void errorDuringAMintFailsThatLoginAndTheNextMintServesTheFollowingOnes() throws Exception {
		this.source.error.set(new LinkageError("broken class"));
		long start = System.nanoTime();
		assertThatExceptionOfType(SQLException.class).isThrownBy(this.credentials::token)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("broken class"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails with the error, not by the 5 s timeout")
			.isLessThan(Duration.ofSeconds(4));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.credentials.token()).isEqualTo("token-1");
		assertThat(this.source.attempts.get()).isEqualTo(2);
	}

	@Test
	void failingEventListenerNeverJamsTheCache() throws Exception {
		LakebaseEvents throwing = new LakebaseEvents() {

			@Override
			public void credentialRefreshed(String source, Duration duration, boolean success) {
				throw new IllegalStateException("meter registry closed");
			}

		};
		CredentialCache withListener = new CredentialCache(() -> this.source, settings(), this.clock, throwing);
		try {
			assertThat(withListener.token()).isEqualTo("token-1");
			this.source.failures.set(1);
			this.clock.advance(Duration.ofMinutes(61));
			assertThatExceptionOfType(SQLException.class).isThrownBy(withListener::token)
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("workspace unavailable"));
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(withListener.token()).isEqualTo("token-2");
		}
		finally {
			withListener.destroy();
		}
	}

	@Test
	void noLoginPasswordBeforeACredentialIsCached() {
		Credentials login = this.credentials.login("app-user");
		assertThat(login.getUsername()).isEqualTo("app-user");
		assertThat(login.getPassword()).isNull();
		assertThat(this.source.attempts.get()).as("never mints").isZero();
	}

	@Test
	void oneLoginObjectPerTokenAndANewOneWhenTheTokenChanges() throws Exception {
		String first = this.credentials.token();
		Credentials forFirst = this.credentials.login("app-user");
		assertThat(forFirst.getUsername()).isEqualTo("app-user");
		assertThat(forFirst.getPassword()).isEqualTo(first);
		for (int i = 0; i < 100; i++) {
			assertThat(this.credentials.login("app-user")).isSameAs(forFirst);
		}
		this.clock.advance(Duration.ofMinutes(61));
		String second = this.credentials.token();
		assertThat(second).isNotEqualTo(first);
		Credentials forSecond = this.credentials.login("app-user");
		assertThat(forSecond.getPassword()).isEqualTo(second);
		assertThat(forSecond).isNotSameAs(forFirst);
		assertThat(this.credentials.login("app-user")).isSameAs(forSecond);
	}

	@Test
	void onTheSystemClockInvalidateDropsAFreshToken() throws SQLException {
		CountingSource systemSource = new CountingSource(Clock.systemUTC(), Duration.ofMinutes(60));
		CredentialCache timed = new CredentialCache(() -> systemSource, settings(), Clock.systemUTC());
		try {
			String first = timed.token();
			assertThat(timed.login("app-user").getPassword()).isEqualTo(first);
			timed.invalidate(first);
			assertThat(timed.currentToken()).isNull();
			assertThat(timed.login("app-user").getPassword()).isNull();
			String second = timed.token();
			assertThat(second).isNotEqualTo(first);
			assertThat(timed.login("app-user").getPassword()).isEqualTo(second);
			assertThat(systemSource.mints.get()).isEqualTo(2);
		}
		finally {
			timed.destroy();
		}
	}

	@Test
	void invalidateDropsOnlyTheRefusedToken() throws SQLException {
		String first = this.credentials.token();
		this.credentials.invalidate("some-other-token");
		assertThat(this.credentials.currentToken()).isEqualTo(first);
		this.credentials.invalidate(first);
		assertThat(this.credentials.currentToken()).isNull();
		assertThat(this.credentials.token()).isNotEqualTo(first);
		assertThat(this.source.mints.get()).isEqualTo(2);
	}

	@Test
	void shortLivedCredentialsRefreshAtHalfTheirLifetime() throws Exception {
		this.source.lifetime = Duration.ofMinutes(4);
		String first = this.credentials.token();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.credentials.currentToken()).isEqualTo(first);
		this.credentials.awaitBackgroundWork(Duration.ofSeconds(10));
		assertThat(this.source.mints.get()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(this.credentials.currentToken()).isEqualTo(first);
		awaitMints(2);
	}

	@Test
	void credentialStringNeverShowsToken() throws SQLException {
		String token = this.credentials.token();
		assertThat(this.credentials.current().toString()).doesNotContain(token).contains("expires");
	}

	private void awaitMints(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.source.mints.get() < expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.source.mints.get()).isGreaterThanOrEqualTo(expected);
	}

	/**
	 * Waits for the refreshed token to be served: a mint is counted when the source
	 * returns, a moment before the cache publishes what it returned.
	 */
	private static void awaitTokenOtherThan(CredentialCache credentials, String old) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		String token = credentials.currentToken();
		while ((token == null || token.equals(old)) && System.nanoTime() < deadline) {
			Thread.sleep(10);
			token = credentials.currentToken();
		}
		assertThat(token).as("the refreshed token is served").isNotNull().isNotEqualTo(old);
	}

	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

		private final AtomicReference<@Nullable Runnable> nextRead = new AtomicReference<>();

		private volatile @Nullable Thread reader;

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		/**
		 * Run something when the given thread next reads the clock, before the read
		 * returns: what another thread does between two steps of that thread.
		 */
		void onNextRead(Thread thread, Runnable action) {
			this.nextRead.set(action);
			this.reader = thread;
		}

		@Override
		public Instant instant() {
			if (Thread.currentThread() == this.reader) {
				Runnable action = this.nextRead.getAndSet(null);
				if (action != null) {
					action.run();
				}
			}
			return this.now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	static final class CountingSource implements CredentialSource {

		final AtomicInteger mints = new AtomicInteger();

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicReference<Error> error = new AtomicReference<>();

		private final Clock clock;

		volatile Duration lifetime;

		volatile Duration delay = Duration.ZERO;

		/**
		 * While set and not counted down, a mint hangs as a workspace call that never
		 * answers.
		 */
		volatile @Nullable CountDownLatch hang;

		CountingSource(Clock clock, Duration lifetime) {
			this.clock = clock;
			this.lifetime = lifetime;
		}

		@Override
		public MintedCredential mint() {
			this.attempts.incrementAndGet();
			CountDownLatch hang = this.hang;
			while (hang != null && hang.getCount() > 0) {
				try {
					hang.await();
				}
				catch (InterruptedException ex) {
					// as an HTTP call: an interrupt does not end it
				}
			}
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Error error = this.error.getAndSet(null);
			if (error != null) {
				throw error;
			}
			if (this.failures.getAndUpdate((left) -> (left > 0) ? left - 1 : 0) > 0) {
				throw new IllegalStateException("workspace unavailable");
			}
			int mint = this.mints.incrementAndGet();
			Instant now = this.clock.instant();
			return new MintedCredential("token-" + mint, now.plus(this.lifetime), now);
		}

		@Override
		public String target() {
			return "endpoint projects/p/branches/b/endpoints/e";
		}

		@Override
		public String kind() {
			return "autoscaling";
		}

	}

}
