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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-off between failed mints: doubling up to its maximum, starting over after a
 * success.
 */
class MintBackOffTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void delaysDoubleUpToTheMaximumAndNoAttemptStartsBeforeThem() {
		MintBackOff backOff = new MintBackOff(Duration.ofMillis(100), Duration.ofMillis(300));
		IllegalStateException failure = new IllegalStateException("down");
		assertThat(backOff.over(NOW)).isTrue();
		assertThat(backOff.failed(failure, NOW)).isEqualTo(100);
		assertThat(backOff.over(NOW.plusMillis(99))).isFalse();
		assertThat(backOff.over(NOW.plusMillis(100))).isTrue();
		assertThat(backOff.failed(failure, NOW)).isEqualTo(200);
		assertThat(backOff.failed(failure, NOW)).isEqualTo(300);
		assertThat(backOff.failed(failure, NOW)).isEqualTo(300);
		assertThat(backOff.lastError()).isSameAs(failure);
	}

	@Test
	void aSuccessStartsTheBackOffOver() {
		MintBackOff backOff = new MintBackOff(Duration.ofMillis(100), Duration.ofSeconds(10));
		backOff.failed(new IllegalStateException("down"), NOW);
		backOff.failed(new IllegalStateException("down"), NOW);
		backOff.succeeded();
		assertThat(backOff.lastError()).isNull();
		assertThat(backOff.over(NOW)).isTrue();
		assertThat(backOff.failed(new IllegalStateException("down"), NOW)).isEqualTo(100);
	}

}
