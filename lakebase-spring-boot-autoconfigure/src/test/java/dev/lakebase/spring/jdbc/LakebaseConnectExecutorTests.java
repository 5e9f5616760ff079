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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseConnectExecutor}: the driver's connection attempts run on reused daemon
 * threads, and an abandoned attempt's interrupt does not reach the next one.
 */
class LakebaseConnectExecutorTests {

	@Test
	void attemptsRunOnReusedDaemonThreads() throws Exception {
		Thread first = run(new LakebaseConnectExecutor(), Thread::currentThread);
		Thread second = run(new LakebaseConnectExecutor(), Thread::currentThread);
		assertThat(first.getName()).startsWith("lakebase-connect-");
		assertThat(first.isDaemon()).isTrue();
		assertThat(second).as("instances share their threads").isSameAs(first);
	}

	@Test
	void anInterruptDoesNotOutliveItsAttempt() throws Exception {
		LakebaseConnectExecutor executor = new LakebaseConnectExecutor();
		Thread interrupted = run(executor, () -> {
			Thread.currentThread().interrupt();
			return Thread.currentThread();
		});
		boolean[] seen = new boolean[1];
		Thread next = run(executor, () -> {
			seen[0] = Thread.currentThread().isInterrupted();
			return Thread.currentThread();
		});
		assertThat(next).isSameAs(interrupted);
		assertThat(seen[0]).isFalse();
	}

	@Test
	void theDriverCanLoadItByName() {
		assertThat(LakebaseConnectExecutor.NAME_FOR_DRIVER).isEqualTo(LakebaseConnectExecutor.class.getName());
	}

	private static <T> T run(LakebaseConnectExecutor executor, Supplier<T> attempt) throws Exception {
		Thread[] worker = new Thread[1];
		T result = CompletableFuture.supplyAsync(() -> {
			worker[0] = Thread.currentThread();
			return attempt.get();
		}, executor).get(10, TimeUnit.SECONDS);
		// Wait until the thread is back in the pool, waiting for the next attempt
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (worker[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		return result;
	}

}
