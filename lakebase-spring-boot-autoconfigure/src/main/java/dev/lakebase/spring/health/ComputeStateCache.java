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
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The compute's state as last read from the workspace API, reused for a while so health
 * checks do not call the workspace each time. A health check never waits for the
 * workspace: once the last reading is older than the TTL, it is still what a check gets
 * while one lookup in the background reads again.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ComputeStateCache {

	private final Supplier<String> lookup;

	private final Duration ttl;

	private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("lakebase-compute-state-");

	private final Object lock = new Object();

	private volatile @Nullable Reading last;

	private boolean reading;

	ComputeStateCache(Supplier<String> lookup, Duration ttl) {
		this.lookup = lookup;
		this.ttl = ttl;
		this.executor.setDaemon(true);
	}

	/**
	 * Whether the compute state is looked up at all (a positive TTL).
	 */
	boolean enabled() {
		return !this.ttl.isZero() && !this.ttl.isNegative();
	}

	/**
	 * Return the latest reading at once, starting a lookup in the background when it is
	 * older than the TTL or there is none yet.
	 * @return the reading, or {@code null} before the first one has answered
	 */
	@Nullable Reading get() {
		Reading last = this.last;
		if (last != null && Instant.now().isBefore(last.readAt().plus(this.ttl))) {
			return last;
		}
		synchronized (this.lock) {
			if (!this.reading) {
				this.reading = true;
				try {
					this.executor.execute(this::read);
				}
				catch (RuntimeException ex) {
					this.reading = false;
					throw ex;
				}
			}
		}
		return last;
	}

	private void read() {
		Reading reading;
		try {
			reading = new Reading(this.lookup.get(), null, Instant.now());
		}
		catch (RuntimeException ex) {
			reading = new Reading(null, (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName(),
					Instant.now());
		}
		synchronized (this.lock) {
			this.last = reading;
			this.reading = false;
		}
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
