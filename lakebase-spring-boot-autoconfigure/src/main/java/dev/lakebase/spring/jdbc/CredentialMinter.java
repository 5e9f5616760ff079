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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Mints credentials for a {@link CredentialCache}, one at a time: a mint asked for while
 * one is in flight joins it, and after a failure none starts before an exponential
 * back-off has passed. Runs on the cache's single credential thread and holds the cache's
 * lock when it changes state.
 *
 * @author Lakebase Spring Boot contributors
 */
final class CredentialMinter {

	private static final Log logger = LogFactory.getLog(CredentialMinter.class);

	private final Supplier<CredentialSource> source;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private final LakebaseEvents events;

	private final Object lock;

	private final HeldCredential held;

	private final Runnable retryAfterBackOff;

	private final AtomicLong mints = new AtomicLong();

	private volatile @Nullable CompletableFuture<MintedCredential> inFlight;

	private volatile @Nullable Instant lastRefresh;

	private final MintBackOff backOff;

	CredentialMinter(Supplier<CredentialSource> source, CredentialCache.Settings settings, Clock clock,
			LakebaseEvents events, ScheduledExecutorService executor, Object lock, HeldCredential held,
			Runnable retryAfterBackOff) {
		this.source = SingletonSupplier.of(source);
		this.clock = clock;
		this.backOff = new MintBackOff(settings.retryInitialDelay(), settings.retryMaxDelay());
		this.events = events;
		this.executor = executor;
		this.lock = lock;
		this.held = held;
		this.retryAfterBackOff = retryAfterBackOff;
	}

	/**
	 * Start a mint unless one is in flight; call with the lock held.
	 * @return the mint in flight, cancelled once the cache is closed
	 */
	CompletableFuture<MintedCredential> start() {
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

	/**
	 * Whether a mint may start now: none is in flight and no back-off is running.
	 */
	boolean mayStart(Instant now) {
		return this.inFlight == null && backOffOver(now);
	}

	boolean backOffOver(Instant now) {
		return this.backOff.over(now);
	}

	/**
	 * Whether nothing was ever tried, or the last mint succeeded, and none is in flight.
	 */
	boolean idleWithoutError() {
		return this.inFlight == null && this.backOff.lastError() == null && !this.executor.isShutdown();
	}

	boolean inFlight() {
		return this.inFlight != null;
	}

	@Nullable CompletableFuture<MintedCredential> inFlightMint() {
		return this.inFlight;
	}

	@Nullable Throwable lastError() {
		return this.backOff.lastError();
	}

	@Nullable Instant lastRefresh() {
		return this.lastRefresh;
	}

	long count() {
		return this.mints.get();
	}

	String target() {
		return this.source.get().target();
	}

	boolean refreshable() {
		return this.source.get().refreshable();
	}

	/**
	 * Describe a failed mint as its source does, or by its message when there is no
	 * source (its set-up failed).
	 */
	String describe(Throwable failure) {
		try {
			return this.source.get().describe(failure);
		}
		catch (RuntimeException ex) {
			return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		}
	}

	String action(Throwable failure) {
		try {
			return this.source.get().action(failure);
		}
		catch (RuntimeException ex) {
			return "Check the Lakebase and Databricks workspace configuration, then restart the application.";
		}
	}

	String describeTarget() {
		try {
			return target();
		}
		catch (RuntimeException ex) {
			return "Lakebase";
		}
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
				this.held.hold(credential);
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
			MintedCredential usable = this.held.usable();
			if (usable != null) {
				logger.warn("Could not refresh the Lakebase credential for " + describeTarget() + ": " + describe(ex)
						+ ". The current credential stays in use until " + usable.expiresAt() + "; retrying in " + delay
						+ " ms.");
			}
			else {
				logger.warn("Could not obtain a Lakebase credential for " + describeTarget() + ": " + describe(ex)
						+ ". Retrying in " + delay + " ms.");
			}
			this.executor.schedule(this.retryAfterBackOff, delay, TimeUnit.MILLISECONDS);
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

}
