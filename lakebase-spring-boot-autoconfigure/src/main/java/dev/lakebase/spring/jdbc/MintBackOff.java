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

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The exponential back-off between failed mints: when the next attempt may start, and
 * what the last one failed with. Changed with the credential cache's lock held; read
 * without it.
 *
 * @author Lakebase Spring Boot contributors
 */
final class MintBackOff {

	private final BackOff backOff;

	private @Nullable BackOffExecution execution;

	private volatile Instant retryNotBefore = Instant.MIN;

	private volatile @Nullable Throwable lastError;

	MintBackOff(Duration initialDelay, Duration maxDelay) {
		ExponentialBackOff backOff = new ExponentialBackOff(initialDelay.toMillis(), 2.0);
		backOff.setMaxInterval(maxDelay.toMillis());
		this.backOff = backOff;
	}

	/**
	 * Record a failed mint and start or extend the back-off.
	 * @param failure what the mint failed with
	 * @param now the time of the failure
	 * @return the delay in milliseconds before the next attempt may start
	 */
	long failed(Throwable failure, Instant now) {
		if (this.execution == null) {
			this.execution = this.backOff.start();
		}
		long delay = this.execution.nextBackOff();
		this.retryNotBefore = now.plusMillis(delay);
		this.lastError = failure;
		return delay;
	}

	/**
	 * Record a successful mint: the back-off starts over at its initial delay.
	 */
	void succeeded() {
		this.lastError = null;
		this.execution = null;
		this.retryNotBefore = Instant.MIN;
	}

	/**
	 * Whether no back-off is running at the given time.
	 * @param now the time
	 * @return whether an attempt may start
	 */
	boolean over(Instant now) {
		return !now.isBefore(this.retryNotBefore);
	}

	@Nullable Throwable lastError() {
		return this.lastError;
	}

}
