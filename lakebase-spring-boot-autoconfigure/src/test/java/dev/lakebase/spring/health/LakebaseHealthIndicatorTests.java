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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.CredentialSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health of a pool from plain values: the credential's state and the compute state,
 * which a check never waits for.
 */
class LakebaseHealthIndicatorTests {

	private static final LakebaseHealthIndicator.Connection ENDPOINT = new LakebaseHealthIndicator.Connection(
			"endpoint projects/p/branches/b/endpoints/e", "ep-1.example.com", true);

	private final HikariDataSource pool = new HikariDataSource();

	private CredentialCache credentials = cache(new Source(null));

	@AfterEach
	void close() {
		this.credentials.destroy();
		this.pool.close();
	}

	@Test
	void upWithAValidCredentialAndTheConnectionItReports() throws Exception {
		this.credentials.prefetch();
		awaitMint();
		Health health = indicator(() -> "ACTIVE", Duration.ZERO).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("target", ENDPOINT.target())
			.containsEntry("host", ENDPOINT.host())
			.containsEntry("mints", 1L)
			.containsKeys("credentialExpiresAt", "lastRefresh")
			.doesNotContainKey("computeState");
	}

	@Test
	void downWhenNoCredentialCanBeHadSayingWhatTheSourceSays() throws Exception {
		this.credentials.destroy();
		this.credentials = cache(new Source(new IllegalStateException("HTTP 403 PERMISSION_DENIED: no access")));
		this.credentials.prefetch();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.credentials.lastError() == null && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		Health health = indicator(() -> "ACTIVE", Duration.ZERO).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("lastError", "HTTP 403 PERMISSION_DENIED: no access")
			.doesNotContainKey("credentialExpiresAt");
	}

	@Test
	void aCheckNeverWaitsForTheComputeStateAndReportsTheLastReading() throws Exception {
		this.credentials.prefetch();
		awaitMint();
		CountDownLatch answer = new CountDownLatch(1);
		AtomicInteger lookups = new AtomicInteger();
		LakebaseHealthIndicator indicator = indicator(() -> {
			lookups.incrementAndGet();
			try {
				answer.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "IDLE";
		}, Duration.ofMinutes(1));
		assertThat(indicator.health(true).getDetails()).containsEntry("computeState", "UNKNOWN");
		assertThat(indicator.health(true).getDetails()).containsEntry("computeState", "UNKNOWN");
		answer.countDown();
		Health health = indicator.health(true);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!"IDLE".equals(health.getDetails().get("computeState")) && System.nanoTime() < deadline) {
			Thread.sleep(10);
			health = indicator.health(true);
		}
		assertThat(health.getDetails()).containsEntry("computeState", "IDLE").containsKey("computeStateReadAt");
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(lookups).as("one lookup within the TTL").hasValue(1);
	}

	@Test
	void aFailedLookupIsReportedWithoutChangingTheStatus() throws Exception {
		this.credentials.prefetch();
		awaitMint();
		LakebaseHealthIndicator indicator = indicator(() -> {
			throw new IllegalStateException("HTTP 500 INTERNAL_ERROR: try later");
		}, Duration.ofMinutes(1));
		Health health = indicator.health(true);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!health.getDetails().containsKey("computeStateError") && System.nanoTime() < deadline) {
			Thread.sleep(10);
			health = indicator.health(true);
		}
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("computeState", "UNKNOWN")
			.containsEntry("computeStateError", "HTTP 500 INTERNAL_ERROR: try later");
	}

	private LakebaseHealthIndicator indicator(Supplier<String> computeState, Duration ttl) {
		return new LakebaseHealthIndicator(() -> ENDPOINT, computeState, ttl, this.credentials, this.pool);
	}

	private void awaitMint() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.credentials.current() == null && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.credentials.current()).as("a credential").isNotNull();
	}

	private static CredentialCache cache(CredentialSource source) {
		return new CredentialCache(() -> source, new CredentialCache.Settings(Duration.ofMinutes(5),
				Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(2)), Clock.systemUTC());
	}

	private record Source(RuntimeException failure) implements CredentialSource {

		@Override
		public MintedCredential mint() {
			if (this.failure != null) {
				throw this.failure;
			}
			Instant now = Instant.now();
			return new MintedCredential("token", now.plus(Duration.ofHours(1)), now);
		}

		@Override
		public String target() {
			return ENDPOINT.target();
		}

		@Override
		public String kind() {
			return "autoscaling";
		}

	}

}
