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
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseEvents}: the classes connection failures are counted by, and the
 * defaults that report nothing.
 */
class LakebaseEventsTests {

	@Test
	void failuresAreClassedByTheirKindAndSqlState() {
		assertThat(LakebaseEvents.FailureClass.of(CredentialUnavailableException.timedOut(Duration.ofSeconds(1), "e")))
			.isEqualTo(LakebaseEvents.FailureClass.CREDENTIAL);
		assertThat(LakebaseEvents.FailureClass.of(new SQLException("refused", "28P01")))
			.isEqualTo(LakebaseEvents.FailureClass.AUTH);
		assertThat(LakebaseEvents.FailureClass.of(new SQLException("I/O error", "08006")))
			.isEqualTo(LakebaseEvents.FailureClass.NETWORK);
		assertThat(LakebaseEvents.FailureClass.of(new SQLException("syntax", "42601")))
			.isEqualTo(LakebaseEvents.FailureClass.OTHER);
		assertThat(LakebaseEvents.FailureClass.of(new SQLException("no state")))
			.isEqualTo(LakebaseEvents.FailureClass.OTHER);
		assertThat(LakebaseEvents.FailureClass.of(new WakeRetry.WakeTimeoutException("did not wake", null)))
			.isEqualTo(LakebaseEvents.FailureClass.WAKE_TIMEOUT);
		assertThat(LakebaseEvents.FailureClass.WAKE_TIMEOUT.tag()).isEqualTo("wake-timeout");
	}

	@Test
	void noneReportsNothingAndIsItsOwnPoolsEvents() {
		LakebaseEvents none = LakebaseEvents.NONE;
		none.credentialRefreshed("autoscaling", Duration.ofMillis(5), true);
		none.wakeRetried();
		none.woke(Duration.ofMillis(5));
		none.connectionFailed(LakebaseEvents.FailureClass.OTHER);
		assertThat(none.forPool("lakebase-read-only", () -> null)).isSameAs(none);
	}

}
