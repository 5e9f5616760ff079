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
import org.springframework.util.function.SingletonSupplier;

/**
 * The credential cache between the credential source and the pool. A valid credential is
 * served from memory with no I/O and no lock. Inside the refresh window the current
 * credential is still served while one background refresh runs; only a missing or expired
 * credential makes a caller wait. At most one mint is in flight: a mint asked for while
 * one is in flight joins it. A failed mint keeps the still-valid credential and is
 * retried with exponential backoff ({@link MintBackOff}), by itself, until a credential
 * is had again.
 * <p>
 * Mints and timers run on the cache's single credential thread, one task at a time; state
 * changes hold the cache's lock. On the system clock a timer marks the credential stale
 * at its refresh point, so that the hot path reads one volatile field and not the clock.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class CredentialCache implements DisposableBean {

	private static final Log logger = LogFactory.getLog(CredentialCache.class);

	private final Supplier<CredentialSource> source;

	private final Clock clock;

	private final Duration timeout;

	private final Duration refreshWindow;

	private final LakebaseEvents events;

	private final ScheduledExecutorService executor;

	private final Object lock = new Object();

	private final MintBackOff backOff;

	private final AtomicLong mints = new AtomicLong();

	/**
	 * Whether timers on the system clock may mark a credential fresh; not with another
	 * clock, whose time the timers would not follow.
	 */
	private final boolean timedFreshness;

	private volatile @Nullable CachedCredential current;

	/**
	 * The current credential while it is before its refresh point (a timer clears it
	 * then), else {@code null}: the hot path's only volatile read.
	 */
	private volatile @Nullable CachedCredential fresh;

	private volatile @Nullable CompletableFuture<MintedCredential> inFlight;

	private volatile @Nullable Instant lastRefresh;

	private boolean closed;

	public CredentialCache(Supplier<CredentialSource> source, Settings settings, Clock clock) {
		this(source, settings, clock, LakebaseEvents.NONE);
	}

	public CredentialCache(Supplier<CredentialSource> source, Settings settings, Clock clock, LakebaseEvents events) {
		this.source = SingletonSupplier.of(source);
		this.clock = clock;
		this.timeout = settings.timeout();
		this.refreshWindow = settings.refreshWindow();
		this.events = events;
		this.backOff = new MintBackOff(settings.retryInitialDelay(), settings.retryMaxDelay());
		this.timedFreshness = Clock.systemUTC().equals(clock);
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
	public Credentials login(String username) {
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
		if (!now.isBefore(cached.refreshAt()) && mayStart(now)) {
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
				throw CredentialUnavailableException.closed(describeTarget());
			}
			// A mint may have ended since the look without the lock
			MintedCredential held = heldUsable();
			if (held != null) {
				return held.token();
			}
			Throwable error = this.backOff.lastError();
			if (this.inFlight == null && error != null && !this.backOff.over(this.clock.instant())) {
				throw unavailable(error);
			}
			refresh = startMint();
		}
		try {
			return refresh.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).token();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw unavailable(cause);
		}
		catch (CancellationException ex) {
			throw CredentialUnavailableException.closed(describeTarget());
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
		return CredentialUnavailableException.after(cause, describeTarget(), describe(cause), action(cause));
	}

	/**
	 * Start minting the first credential in the background, so that the first login need
	 * not wait for it. Does nothing once a credential is cached, a mint is under way, or
	 * one failed.
	 */
	public void prefetch() {
		synchronized (this.lock) {
			if (this.current == null && this.inFlight == null && this.backOff.lastError() == null
					&& !this.executor.isShutdown()) {
				startMint();
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
			CachedCredential cached = this.current;
			Instant now = this.clock.instant();
			if ((cached == null || !now.isBefore(cached.usableUntil())) && this.backOff.lastError() != null
					&& mayStart(now)) {
				startMint();
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
			if (!this.closed && this.inFlight == null && this.backOff.lastError() != null) {
				startMint();
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

	public @Nullable MintedCredential current() {
		CachedCredential cached = this.current;
		return (cached != null) ? cached.credential() : null;
	}

	public @Nullable Throwable lastError() {
		return this.backOff.lastError();
	}

	/**
	 * Describe a failed mint as the credential source does: for a workspace error, its
	 * HTTP status, error code and message; by its message when there is no source (its
	 * set-up failed).
	 * @param failure what a mint failed with, such as {@link #lastError()}
	 * @return the description
	 */
	public String describe(Throwable failure) {
		try {
			return this.source.get().describe(failure);
		}
		catch (RuntimeException ex) {
			return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		}
	}

	private String action(Throwable failure) {
		try {
			return this.source.get().action(failure);
		}
		catch (RuntimeException ex) {
			return "Check the Lakebase and Databricks workspace configuration, then restart the application.";
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

	public @Nullable Instant lastRefresh() {
		return this.lastRefresh;
	}

	public long mintCount() {
		return this.mints.get();
	}

	/**
	 * Start a background refresh while the current credential is still usable, unless a
	 * back-off runs.
	 */
	private void refreshInBackground() {
		synchronized (this.lock) {
			CachedCredential cached = this.current;
			Instant now = this.clock.instant();
			if (cached != null && now.isBefore(cached.usableUntil()) && this.backOff.over(now)) {
				startMint();
			}
		}
	}

	/**
	 * Whether a mint may start now: none is in flight and no back-off is running.
	 */
	private boolean mayStart(Instant now) {
		return this.inFlight == null && this.backOff.over(now);
	}

	/**
	 * Return the held credential if it can still be used to log in.
	 */
	private @Nullable MintedCredential heldUsable() {
		CachedCredential cached = this.current;
		return (cached != null && this.clock.instant().isBefore(cached.usableUntil())) ? cached.credential() : null;
	}

	/**
	 * Start a mint unless one is in flight; call with the lock held.
	 * @return the mint in flight, cancelled once the cache is closed
	 */
	private CompletableFuture<MintedCredential> startMint() {
		CompletableFuture<MintedCredential> refresh = this.inFlight;
		if (refresh == null && this.executor.isShutdown()) {
			// Closed: nothing mints any more, and whoever asked learns it at once
			CompletableFuture<MintedCredential> closed = new CompletableFuture<>();
			closed.cancel(false);
			return closed;
		}
		if (refresh == null) {
			CompletableFuture<MintedCredential> started = new CompletableFuture<>();
			this.inFlight = started;
			this.executor.execute(() -> mint(started));
			refresh = started;
		}
		return refresh;
	}

	private void mint(CompletableFuture<MintedCredential> result) {
		long started = System.nanoTime();
		MintedCredential credential;
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
				hold(credential);
				this.lastRefresh = this.clock.instant();
				this.backOff.succeeded();
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

	/**
	 * Hold a new credential and keep it {@link #fresh} until its refresh point; call with
	 * the lock held.
	 */
	private void hold(MintedCredential credential) {
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
		this.current = cached;
	}

	private void stale(CachedCredential cached) {
		synchronized (this.lock) {
			if (this.fresh == cached) {
				this.fresh = null;
			}
		}
	}

	private void failed(CompletableFuture<MintedCredential> result, Throwable ex, long started) {
		try {
			report(() -> this.events.credentialRefreshed(sourceKind(), Duration.ofNanos(System.nanoTime() - started),
					false));
			if (this.executor.isShutdown()) {
				return;
			}
			long delay;
			synchronized (this.lock) {
				delay = this.backOff.failed(ex, this.clock.instant());
				this.inFlight = null;
			}
			MintedCredential usable = heldUsable();
			if (usable != null) {
				logger.warn("Could not refresh the Lakebase credential for " + describeTarget() + ": " + describe(ex)
						+ ". The current credential stays in use until " + usable.expiresAt() + "; retrying in " + delay
						+ " ms.");
			}
			else {
				logger.warn("Could not obtain a Lakebase credential for " + describeTarget() + ": " + describe(ex)
						+ ". Retrying in " + delay + " ms.");
			}
			this.executor.schedule(this::retryAfterBackOff, delay, TimeUnit.MILLISECONDS);
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
			waited = this.inFlight;
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
