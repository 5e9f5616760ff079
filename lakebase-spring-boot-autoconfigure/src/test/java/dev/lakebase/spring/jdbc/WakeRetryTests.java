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
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WakeRetry} on a connect attempt that always meets a waking compute
 * ({@code 57P03}): the budget bounds the retries, and an interrupt ends them as an
 * interrupt, not as a compute that did not wake.
 */
class WakeRetryTests {

	private final AtomicInteger attempts = new AtomicInteger();

	private final WakeRetry.Connector waking = () -> {
		this.attempts.incrementAndGet();
		throw new SQLTransientConnectionException("the database system is starting up", "57P03");
	};

	@Test
	void connectsStopAtTheBudgetWithAWakeTimeout() {
		WakeRetry retry = new WakeRetry(wake(Duration.ofMillis(300)), () -> "endpoint e", LakebaseEvents.NONE);
		long start = System.nanoTime();
		SQLException failure = connect(retry);
		assertThat((Throwable) failure).isInstanceOf(WakeRetry.WakeTimeoutException.class)
			.hasMessageContaining("did not wake within 300 ms (lakebase.wake.budget)");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		int attempts = this.attempts.get();
		assertThat(attempts).isGreaterThan(1);
	}

	@Test
	void interruptDuringTheBackOffEndsTheConnectAsAnInterrupt() throws Exception {
		WakeRetry retry = new WakeRetry(wake(Duration.ofSeconds(30)), () -> "endpoint e", LakebaseEvents.NONE);
		AtomicReference<Thread> thread = new AtomicReference<>();
		AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
		CompletableFuture<SQLException> result = CompletableFuture.supplyAsync(() -> {
			thread.set(Thread.currentThread());
			SQLException failure = connect(retry);
			interruptedAfter.set(Thread.currentThread().isInterrupted());
			Thread.interrupted();
			return failure;
		});
		while (this.attempts.get() < 3) {
			Thread.sleep(5);
		}
		thread.get().interrupt();
		SQLException failure = result.get(10, TimeUnit.SECONDS);
		assertThat((Throwable) failure).isNotInstanceOf(WakeRetry.WakeTimeoutException.class)
			.hasMessageContaining("Interrupted while waiting for Lakebase endpoint e to wake")
			.hasMessageNotContaining("lakebase.wake.budget");
		assertThat(interruptedAfter.get()).as("the interrupt stays set").isTrue();
	}

	private SQLException connect(WakeRetry retry) {
		try {
			retry.connect(this.waking);
			throw new AssertionError("connected");
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private static WakeRetry.Settings wake(Duration budget) {
		return new WakeRetry.Settings(budget, Duration.ofMillis(25), Duration.ofMillis(50));
	}

}
