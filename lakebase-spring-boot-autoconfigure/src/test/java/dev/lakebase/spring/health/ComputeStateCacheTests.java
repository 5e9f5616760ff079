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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ComputeStateCache}: a health check never waits for the workspace, and at most
 * one lookup runs at a time.
 */
class ComputeStateCacheTests {

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void theFirstCheckAnswersAtOnceAndStartsOneLookup() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ComputeStateCache cache = new ComputeStateCache(() -> {
			this.lookups.incrementAndGet();
			await(release);
			return "ACTIVE";
		}, Duration.ofMinutes(1));
		for (int i = 0; i < 10; i++) {
			assertThat(cache.get()).isNull();
		}
		release.countDown();
		ComputeStateCache.Reading reading = awaitReading(cache);
		assertThat(reading.state()).isEqualTo("ACTIVE");
		assertThat(reading.error()).isNull();
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void aReadingIsReusedWithinItsTtl() throws Exception {
		ComputeStateCache cache = new ComputeStateCache(() -> "IDLE#" + this.lookups.incrementAndGet(),
				Duration.ofMinutes(1));
		ComputeStateCache.Reading first = awaitReading(cache);
		for (int i = 0; i < 100; i++) {
			assertThat(cache.get()).isSameAs(first);
		}
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void anOldReadingIsServedWhileTheNextIsLookedUp() throws Exception {
		ComputeStateCache cache = new ComputeStateCache(() -> "STATE#" + this.lookups.incrementAndGet(),
				Duration.ofNanos(1));
		ComputeStateCache.Reading first = awaitReading(cache);
		ComputeStateCache.Reading next = first;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (next == first && System.nanoTime() < deadline) {
			ComputeStateCache.Reading got = cache.get();
			assertThat(got).isNotNull();
			next = got;
			Thread.sleep(5);
		}
		assertThat(next.state()).isNotEqualTo(first.state()).startsWith("STATE#");
	}

	@Test
	void aFailedLookupIsAReadingWithItsError() throws Exception {
		ComputeStateCache cache = new ComputeStateCache(() -> {
			throw new IllegalStateException("workspace unreachable");
		}, Duration.ofMinutes(1));
		ComputeStateCache.Reading reading = awaitReading(cache);
		assertThat(reading.state()).isNull();
		assertThat(reading.error()).isEqualTo("workspace unreachable");
	}

	@Test
	void aTtlOfZeroTurnsLookupsOff() {
		assertThat(new ComputeStateCache(() -> "ACTIVE", Duration.ZERO).enabled()).isFalse();
		assertThat(new ComputeStateCache(() -> "ACTIVE", Duration.ofSeconds(-1)).enabled()).isFalse();
		assertThat(new ComputeStateCache(() -> "ACTIVE", Duration.ofSeconds(1)).enabled()).isTrue();
	}

	private static ComputeStateCache.Reading awaitReading(ComputeStateCache cache) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		ComputeStateCache.Reading reading = cache.get();
		while (reading == null && System.nanoTime() < deadline) {
			Thread.sleep(5);
			reading = cache.get();
		}
		assertThat(reading).as("a reading within 10 s").isNotNull();
		return reading;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
