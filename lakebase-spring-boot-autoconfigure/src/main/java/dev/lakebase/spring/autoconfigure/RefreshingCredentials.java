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

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.zaxxer.hikari.util.Credentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.function.SingletonSupplier;

/**
 * The credential cache between the credential source and the pool. A valid credential is
 * served from memory with no I/O and no lock. Inside the refresh window the current
 * credential is still served while one background refresh runs; only a missing or expired
 * credential makes a caller wait. At most one mint is in flight. A failed refresh keeps
 * the still-valid credential and is retried with exponential backoff.
 *
 * @author Lakebase Spring Boot contributors
 */
final class RefreshingCredentials implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RefreshingCredentials.class);

	private final Supplier<CredentialSource> source;

	private final Clock clock;

	private final Duration refreshWindow;

	private final Duration timeout;

	private final BackOff backOff;

	private final ScheduledExecutorService executor;

	private final LakebaseEvents events;

	/**
	 * Whether timers on the system clock may mark a credential fresh; not with another
	 * clock, whose time the timers would not follow.
	 */
	private final boolean timedFreshness;

	private final Object lock = new Object();

	private final AtomicLong mints = new AtomicLong();

	private volatile @Nullable CachedCredential current;

	/**
	 * The current credential while it is before its refresh point (a timer clears it
	 * then), else {@code null}: the hot path's only volatile read.
	 */
	private volatile @Nullable CachedCredential fresh;

	private volatile @Nullable CompletableFuture<LakebaseCredential> inFlight;

	private volatile Instant retryNotBefore = Instant.MIN;

	private volatile @Nullable Throwable lastError;

	private volatile @Nullable Instant lastRefresh;

	private @Nullable BackOffExecution backOffExecution;

	RefreshingCredentials(Supplier<CredentialSource> source, LakebaseProperties.Credentials properties, Clock clock) {
		this(source, properties, clock, LakebaseEvents.NONE);
	}

	RefreshingCredentials(Supplier<CredentialSource> source, LakebaseProperties.Credentials properties, Clock clock,
			LakebaseEvents events) {
		this.events = events;
		this.source = SingletonSupplier.of(source);
		this.clock = clock;
		this.timedFreshness = Clock.systemUTC().equals(clock);
		this.refreshWindow = properties.getRefreshWindow();
		this.timeout = properties.getTimeout();
		ExponentialBackOff backOff = new ExponentialBackOff(properties.getRetryInitialDelay().toMillis(), 2.0);
		backOff.setMaxInterval(properties.getRetryMaxDelay().toMillis());
		this.backOff = backOff;
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "lakebase-credentials");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		this.executor = executor;
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
	Credentials login(String username) {
		CachedCredential usable = usable();
		return (usable != null) ? usable.login(username) : Credentials.of(username, null);
	}

	private @Nullable CachedCredential usable() {
		CachedCredential fresh = this.fresh;
		if (fresh != null) {
			return fresh;
		}
		CachedCredential cached = this.current;
		if (cached == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(cached.usableUntil())) {
			return null;
		}
		if (!now.isBefore(cached.refreshAt()) && this.inFlight == null && !now.isBefore(this.retryNotBefore)) {
			refreshInBackground(false);
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
		CompletableFuture<LakebaseCredential> refresh;
		synchronized (this.lock) {
			Throwable error = this.lastError;
			if (this.inFlight == null && error != null && this.clock.instant().isBefore(this.retryNotBefore)) {
				throw failure(error);
			}
			refresh = startRefresh();
		}
		try {
			return refresh.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).token();
		}
		catch (ExecutionException ex) {
			throw failure((ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			throw new CredentialUnavailableException(
					"Timed out after " + this.timeout.toMillis() + " ms waiting for a Lakebase database credential for "
							+ target()
							+ " (lakebase.credentials.timeout). Check that the Databricks workspace is reachable.",
					null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CredentialUnavailableException(
					"Interrupted while waiting for a Lakebase database credential for " + target(), ex);
		}
	}

	/**
	 * Start minting the first credential in the background, so that the first login need
	 * not wait for it. Does nothing once a credential is cached, a mint is under way, or
	 * one failed.
	 */
	void prefetch() {
		synchronized (this.lock) {
			if (this.current == null && this.inFlight == null && this.lastError == null
					&& !this.executor.isShutdown()) {
				startRefresh();
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
	 * failed and its back-off has passed, so that a credential is had again once the
	 * workspace recovers even if no login asks for one (a health check calls this). Never
	 * blocks.
	 */
	void retryInBackground() {
		synchronized (this.lock) {
			CachedCredential cached = this.current;
			Instant now = this.clock.instant();
			if ((cached == null || !now.isBefore(cached.usableUntil())) && this.lastError != null
					&& this.inFlight == null && !now.isBefore(this.retryNotBefore)) {
				startRefresh();
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
			CachedCredential cached = this.current;
			if (cached != null && cached.credential().token().equals(refusedToken)) {
				this.fresh = null;
				this.current = null;
			}
		}
	}

	String target() {
		return this.source.get().target();
	}

	boolean refreshable() {
		return this.source.get().refreshable();
	}

	@Nullable LakebaseCredential current() {
		CachedCredential cached = this.current;
		return (cached != null) ? cached.credential() : null;
	}

	@Nullable Throwable lastError() {
		return this.lastError;
	}

	@Nullable Instant lastRefresh() {
		return this.lastRefresh;
	}

	long mintCount() {
		return this.mints.get();
	}

	/**
	 * Start a background refresh while the current credential is still usable.
	 * @param afterBackoff whether the caller already waited out the retry backoff (a
	 * scheduled retry); otherwise no refresh starts before it ends
	 */
	private void refreshInBackground(boolean afterBackoff) {
		synchronized (this.lock) {
			CachedCredential cached = this.current;
			Instant now = this.clock.instant();
			if (cached != null && now.isBefore(cached.usableUntil())
					&& (afterBackoff || !now.isBefore(this.retryNotBefore))) {
				startRefresh();
			}
		}
	}

	private CompletableFuture<LakebaseCredential> startRefresh() {
		CompletableFuture<LakebaseCredential> refresh = this.inFlight;
		if (refresh == null) {
			CompletableFuture<LakebaseCredential> started = new CompletableFuture<>();
			this.inFlight = started;
			this.executor.execute(() -> mint(started));
			refresh = started;
		}
		return refresh;
	}

	private void mint(CompletableFuture<LakebaseCredential> result) {
		long started = System.nanoTime();
		LakebaseCredential credential;
		try {
			credential = this.source.get().mint();
		}
		catch (Throwable ex) {
			// An Error too: the one mint in flight must end, or every later login waits
			// for it until its timeout, for good.
			failed(result, ex, started);
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			return;
		}
		report(() -> this.events.credentialRefreshed(this.source.get().kind(),
				Duration.ofNanos(System.nanoTime() - started), true));
		try {
			synchronized (this.lock) {
				this.current = cache(credential);
				this.lastRefresh = this.clock.instant();
				this.lastError = null;
				this.backOffExecution = null;
				this.retryNotBefore = Instant.MIN;
				this.inFlight = null;
			}
		}
		catch (RuntimeException ex) {
			failed(result, ex, started);
			return;
		}
		this.mints.incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Lakebase credential for " + target() + ", valid until " + credential.expiresAt());
		}
		result.complete(credential);
	}

	private void failed(CompletableFuture<LakebaseCredential> result, Throwable ex, long started) {
		try {
			report(() -> this.events.credentialRefreshed(sourceKind(), Duration.ofNanos(System.nanoTime() - started),
					false));
			if (this.executor.isShutdown()) {
				return;
			}
			long delay;
			synchronized (this.lock) {
				if (this.backOffExecution == null) {
					this.backOffExecution = this.backOff.start();
				}
				delay = this.backOffExecution.nextBackOff();
				this.retryNotBefore = this.clock.instant().plusMillis(delay);
				this.lastError = ex;
				this.inFlight = null;
			}
			CachedCredential cached = this.current;
			if (cached != null && this.clock.instant().isBefore(cached.usableUntil())) {
				LakebaseCredential credential = cached.credential();
				logger.warn("Could not refresh the Lakebase credential for " + describeTarget() + ": "
						+ WorkspaceErrors.describe(ex) + ". The current credential stays in use until "
						+ credential.expiresAt() + "; retrying in " + delay + " ms.");
				this.executor.schedule(() -> refreshInBackground(true), delay, TimeUnit.MILLISECONDS);
			}
			else {
				logger.warn("Could not obtain a Lakebase credential for " + describeTarget() + ": "
						+ WorkspaceErrors.describe(ex) + ". Next attempt in " + delay + " ms at the earliest.");
			}
		}
		finally {
			synchronized (this.lock) {
				if (this.inFlight == result) {
					this.inFlight = null;
				}
			}
			result.completeExceptionally(ex);
		}
	}

	/**
	 * Reports to the events; a listener that fails (a closed meter registry, say) is
	 * logged and never changes what the cache does.
	 */
	private void report(Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			logger.debug("A Lakebase event listener failed: " + ex);
		}
	}

	private String sourceKind() {
		try {
			return this.source.get().kind();
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	private String describeTarget() {
		try {
			return target();
		}
		catch (RuntimeException ex) {
			return "Lakebase";
		}
	}

	private SQLException failure(Throwable cause) {
		return CredentialUnavailableException.after(cause, describeTarget());
	}

	/**
	 * Cache a credential and keep it {@link #fresh} until its refresh point. Called with
	 * the lock held.
	 */
	private CachedCredential cache(LakebaseCredential credential) {
		CachedCredential cached = CachedCredential.of(credential, this.refreshWindow);
		this.fresh = null;
		if (cached.neverExpires()) {
			this.fresh = cached;
		}
		else if (this.timedFreshness && this.clock.instant().isBefore(cached.refreshAt())) {
			long untilRefresh = Duration.between(this.clock.instant(), cached.refreshAt()).toNanos();
			try {
				this.executor.schedule(() -> stale(cached), untilRefresh, TimeUnit.NANOSECONDS);
				this.fresh = cached;
			}
			catch (RejectedExecutionException ex) {
				// Shut down: the clock decides
			}
		}
		return cached;
	}

	private void stale(CachedCredential cached) {
		synchronized (this.lock) {
			if (this.fresh == cached) {
				this.fresh = null;
			}
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
