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

package dev.lakebase.spring.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.lakebase.spring.workspace.WorkspaceErrors;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The compute's state as last read from the workspace API, reused for a while so health
 * checks do not call the workspace each time, and never waited for longer than a timeout.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ComputeStateCache {

	private final Supplier<String> lookup;

	private final Duration ttl;

	private final Duration timeout;

	private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("lakebase-compute-state-");

	private final Object lock = new Object();

	private volatile @Nullable Reading last;

	private @Nullable CompletableFuture<Reading> inFlight;

	ComputeStateCache(Supplier<String> lookup, Duration ttl, Duration timeout) {
		this.lookup = lookup;
		this.ttl = ttl;
		this.timeout = timeout;
		this.executor.setDaemon(true);
	}

	/**
	 * Return the latest reading, reading again when the last one is older than the TTL.
	 * @return the reading, or {@code null} when the lookup is off or the first one has
	 * not answered within the timeout
	 */
	@Nullable Reading get() {
		if (this.ttl.isZero() || this.ttl.isNegative()) {
			return null;
		}
		Reading last = this.last;
		if (last != null && Instant.now().isBefore(last.readAt().plus(this.ttl))) {
			return last;
		}
		CompletableFuture<Reading> reading;
		synchronized (this.lock) {
			if (this.inFlight == null) {
				this.inFlight = CompletableFuture.supplyAsync(this::read, this.executor);
			}
			reading = this.inFlight;
		}
		try {
			return reading.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return last;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return last;
		}
	}

	private Reading read() {
		Reading reading;
		try {
			reading = new Reading(this.lookup.get(), null, Instant.now());
		}
		catch (RuntimeException ex) {
			reading = new Reading(null, WorkspaceErrors.describe(ex), Instant.now());
		}
		synchronized (this.lock) {
			this.last = reading;
			this.inFlight = null;
		}
		return reading;
	}

	/**
	 * One reading of the compute state.
	 *
	 * @param state the state, or {@code null} when the lookup failed or reported none
	 * @param error why the lookup failed, without secrets, or {@code null}
	 * @param readAt when it was read
	 */
	record Reading(@Nullable String state, @Nullable String error, Instant readAt) {

	}

}
