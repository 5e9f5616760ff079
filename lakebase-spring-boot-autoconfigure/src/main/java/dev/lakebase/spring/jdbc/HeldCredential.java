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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The credential a {@link CredentialCache} holds, and whether it is still before its
 * refresh point: on the system clock a timer on the credential thread marks it stale
 * then, so that the hot path reads one volatile field and not the clock. Changed with the
 * cache's lock held.
 *
 * @author Lakebase Spring Boot contributors
 */
final class HeldCredential {

	private final Clock clock;

	private final Duration refreshWindow;

	private final ScheduledExecutorService executor;

	private final Object lock;

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

	HeldCredential(Clock clock, Duration refreshWindow, ScheduledExecutorService executor, Object lock) {
		this.clock = clock;
		this.refreshWindow = refreshWindow;
		this.executor = executor;
		this.lock = lock;
		this.timedFreshness = Clock.systemUTC().equals(clock);
	}

	/**
	 * Create the single daemon thread a cache's mints and timers run on, one task at a
	 * time.
	 * @return the executor
	 */
	static ScheduledExecutorService credentialThread() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "lakebase-credentials");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	@Nullable CachedCredential fresh() {
		return this.fresh;
	}

	@Nullable CachedCredential current() {
		return this.current;
	}

	/**
	 * Return the held credential if it can still be used to log in.
	 * @return the credential, or {@code null} when none is held or it has expired
	 */
	@Nullable MintedCredential usable() {
		CachedCredential cached = this.current;
		return (cached != null && this.clock.instant().isBefore(cached.usableUntil())) ? cached.credential() : null;
	}

	/**
	 * Hold a new credential and keep it {@link #fresh} until its refresh point.
	 * @param credential the credential
	 */
	void hold(MintedCredential credential) {
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

	/**
	 * Drop the held credential if its token is the given one.
	 * @param token the token a login was refused with
	 */
	void drop(String token) {
		CachedCredential cached = this.current;
		if (cached != null && cached.credential().token().equals(token)) {
			this.fresh = null;
			this.current = null;
		}
	}

	private void stale(CachedCredential cached) {
		synchronized (this.lock) {
			if (this.fresh == cached) {
				this.fresh = null;
			}
		}
	}

}
