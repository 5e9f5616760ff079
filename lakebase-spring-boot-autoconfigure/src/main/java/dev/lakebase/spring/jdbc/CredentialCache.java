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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The credential cache between the credential source and the pool. A valid credential is
 * served from memory with no I/O and no lock. Inside the refresh window the current
 * credential is still served while one background refresh runs; only a missing or expired
 * credential makes a caller wait. At most one mint is in flight. A failed refresh keeps
 * the still-valid credential and is retried with exponential backoff.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class CredentialCache implements DisposableBean {

	private final Clock clock;

	private final Duration timeout;

	private final ScheduledExecutorService executor;

	private final Object lock = new Object();

	private final HeldCredential held;

	private final CredentialMinter minter;

	private boolean closed;

	public CredentialCache(Supplier<CredentialSource> source, Settings settings, Clock clock) {
		this(source, settings, clock, LakebaseEvents.NONE);
	}

	public CredentialCache(Supplier<CredentialSource> source, Settings settings, Clock clock, LakebaseEvents events) {
		this.clock = clock;
		this.timeout = settings.timeout();
		this.executor = HeldCredential.credentialThread();
		this.held = new HeldCredential(clock, settings.refreshWindow(), this.executor, this.lock);
		this.minter = new CredentialMinter(source, settings, clock, events, this.executor, this.lock, this.held,
				this::retryAfterBackOff);
	}

	/**
	 * Return the current credential's token if it is usable, starting a background
	 * refresh inside the refresh window. Never blocks and never does I/O.
	 * @return the token, or {@code null} when no usable credential is cached
	 */
	@Nullable String currentToken() {
		CachedCredential usable = usable();
		return (usable != null) ? usable.credential().token() : null;
	}

	/**
	 * What HikariCP asks for before every new physical connection: the user name and the
	 * current token, as one {@link Credentials} object per token. Like
	 * {@link #currentToken()}, never blocks and never does I/O; while the credential is
	 * before its refresh point, one volatile read and no clock read or allocation.
	 * @param username the database user name
	 * @return the credentials, with a {@code null} password when no usable credential is
	 * cached
	 */
	public Credentials login(String username) {
		CachedCredential usable = usable();
		return (usable != null) ? usable.login(username) : Credentials.of(username, null);
	}

	private @Nullable CachedCredential usable() {
		CachedCredential fresh = this.held.fresh();
		if (fresh != null) {
			return fresh;
		}
		CachedCredential cached = this.held.current();
		if (cached == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(cached.usableUntil())) {
			return null;
		}
		if (!now.isBefore(cached.refreshAt()) && this.minter.mayStart(now)) {
			refreshInBackground();
		}
		return cached;
	}

	/**
	 * Return a usable token, waiting for a mint when none is cached.
	 * @return the token
	 * @throws SQLException when no credential can be had, with the last workspace error
	 */
	String token() throws SQLException {
		String token = currentToken();
		if (token != null) {
			return token;
		}
		CompletableFuture<MintedCredential> refresh;
		synchronized (this.lock) {
			if (this.closed) {
				throw CredentialUnavailableException.closed(this.minter.describeTarget());
			}
			// A mint may have ended since the look without the lock
			MintedCredential held = this.held.usable();
			if (held != null) {
				return held.token();
			}
			Throwable error = this.minter.lastError();
			if (!this.minter.inFlight() && error != null && !this.minter.backOffOver(this.clock.instant())) {
				throw unavailable(error);
			}
			refresh = this.minter.start();
		}
		try {
			return refresh.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).token();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw unavailable(cause);
		}
		catch (CancellationException ex) {
			throw CredentialUnavailableException.closed(this.minter.describeTarget());
		}
		catch (TimeoutException ex) {
			throw CredentialUnavailableException.timedOut(this.timeout, target());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw CredentialUnavailableException.interrupted(target(), ex);
		}
	}

	private CredentialUnavailableException unavailable(Throwable cause) {
		return CredentialUnavailableException.after(cause, this.minter.describeTarget(), this.minter.describe(cause),
				this.minter.action(cause));
	}

	/**
	 * Start minting the first credential in the background, so that the first login need
	 * not wait for it. Does nothing once a credential is cached, a mint is under way, or
	 * one failed.
	 */
	public void prefetch() {
		synchronized (this.lock) {
			if (this.held.current() == null && this.minter.idleWithoutError()) {
				this.minter.start();
			}
		}
	}

	/**
	 * Wait until the credential thread has run everything it was given so far (it runs
	 * one task at a time, in order): after this, a mint that was started has ended. For
	 * tests that assert that nothing more happened.
	 * @param timeout how long to wait at most
	 * @throws Exception if the wait fails or times out
	 */
	void awaitBackgroundWork(Duration timeout) throws Exception {
		this.executor.submit(() -> {
		}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Start a mint in the background when no valid credential is cached, the last attempt
	 * failed and its back-off has passed. Never blocks. A failed mint schedules the next
	 * attempt by itself, so this only brings that attempt forward once the back-off is
	 * over.
	 */
	public void retryInBackground() {
		synchronized (this.lock) {
			CachedCredential cached = this.held.current();
			Instant now = this.clock.instant();
			if ((cached == null || !now.isBefore(cached.usableUntil())) && this.minter.lastError() != null
					&& this.minter.mayStart(now)) {
				this.minter.start();
			}
		}
	}

	/**
	 * The attempt a failed mint schedules once its back-off has passed: whether or not a
	 * credential is still held, so that one is had again when the workspace recovers with
	 * no login or health check asking for it.
	 */
	private void retryAfterBackOff() {
		synchronized (this.lock) {
			if (!this.closed && !this.minter.inFlight() && this.minter.lastError() != null) {
				this.minter.start();
			}
		}
	}

	/**
	 * Drop the cached credential if it is the one a login was refused with, so that the
	 * next {@link #token()} mints a new one.
	 * @param refusedToken the token the login used
	 */
	void invalidate(String refusedToken) {
		synchronized (this.lock) {
			this.held.drop(refusedToken);
		}
	}

	String target() {
		return this.minter.target();
	}

	boolean refreshable() {
		return this.minter.refreshable();
	}

	public @Nullable MintedCredential current() {
		CachedCredential cached = this.held.current();
		return (cached != null) ? cached.credential() : null;
	}

	public @Nullable Throwable lastError() {
		return this.minter.lastError();
	}

	/**
	 * Describe a failed mint as the credential source does: for a workspace error, its
	 * HTTP status, error code and message.
	 * @param failure what a mint failed with, such as {@link #lastError()}
	 * @return the description
	 */
	public String describe(Throwable failure) {
		return this.minter.describe(failure);
	}

	public @Nullable Instant lastRefresh() {
		return this.minter.lastRefresh();
	}

	public long mintCount() {
		return this.minter.count();
	}

	/**
	 * Start a background refresh while the current credential is still usable, unless a
	 * back-off runs.
	 */
	private void refreshInBackground() {
		synchronized (this.lock) {
			CachedCredential cached = this.held.current();
			Instant now = this.clock.instant();
			if (cached != null && now.isBefore(cached.usableUntil()) && this.minter.backOffOver(now)) {
				this.minter.start();
			}
		}
	}

	/**
	 * Stop the credential thread, and fail a login that waits for a mint at once, saying
	 * that the DataSource closed (a mint that hangs would keep it waiting until
	 * {@code lakebase.credentials.timeout}).
	 */
	@Override
	public void destroy() {
		CompletableFuture<MintedCredential> waited;
		synchronized (this.lock) {
			this.closed = true;
			waited = this.minter.inFlightMint();
		}
		this.executor.shutdownNow();
		if (waited != null) {
			waited.cancel(false);
		}
	}

	/**
	 * How the cache refreshes and waits.
	 *
	 * @param refreshWindow how long before expiry a credential is refreshed in the
	 * background (at most half its lifetime)
	 * @param timeout how long a login waits for a mint
	 * @param retryInitialDelay the first delay after a failed mint
	 * @param retryMaxDelay the longest delay between failed mints
	 */
	public record Settings(Duration refreshWindow, Duration timeout, Duration retryInitialDelay,
			Duration retryMaxDelay) {

	}

}
