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

package dev.lakebase.spring.metrics;

import java.time.Duration;

import dev.lakebase.spring.jdbc.LakebaseEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lakebase meters: what is reported before the registry is bound is recorded once
 * when it is, every meter carries its pool's name, and what waits for the registry is
 * bounded.
 */
class MicrometerLakebaseEventsTests {

	@Test
	void eventsBeforeTheBindingAreRecordedOnceWhenItComes() {
		MicrometerLakebaseEvents events = new MicrometerLakebaseEvents(() -> null, "orders");
		events.credentialRefreshed("autoscaling", Duration.ofMillis(40), true);
		events.wakeRetried();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		events.bindTo(registry);
		events.bindTo(new SimpleMeterRegistry());
		events.connectionFailed(LakebaseEvents.FailureClass.AUTH);
		assertThat(registry.get("lakebase.credentials.mints")
			.tag("pool", "orders")
			.tag("source", "autoscaling")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("lakebase.credentials.refresh").tag("outcome", "success").timer().count()).isOne();
		assertThat(registry.get("lakebase.wake.retries").tag("pool", "orders").counter().count()).isEqualTo(1);
		assertThat(registry.get("lakebase.connection.failures").tag("class", "auth").counter().count()).isEqualTo(1);
		assertThat(registry.get("lakebase.credentials.expiry").tag("pool", "orders").gauge().value()).isNaN();
	}

	@Test
	void aSecondPoolReportsToTheSameRegistryUnderItsOwnName() {
		MicrometerLakebaseEvents events = new MicrometerLakebaseEvents(() -> null, "lakebase");
		LakebaseEvents readOnly = events.forPool("lakebase-read-only", () -> null);
		readOnly.woke(Duration.ofMillis(300));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		events.bindTo(registry);
		assertThat(registry.get("lakebase.wake.duration").tag("pool", "lakebase-read-only").timer().count()).isOne();
		assertThat(registry.find("lakebase.wake.duration").tag("pool", "lakebase").timer()).isNull();
		assertThat(registry.get("lakebase.credentials.expiry").tag("pool", "lakebase-read-only").gauge()).isNotNull();
	}

	@Test
	void whatWaitsForTheRegistryIsBounded() {
		MicrometerLakebaseEvents events = new MicrometerLakebaseEvents(() -> null, "lakebase");
		for (int i = 0; i < MicrometerLakebaseEvents.MAX_PENDING * 2; i++) {
			events.wakeRetried();
		}
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		events.bindTo(registry);
		// The expiry gauge was the first recording kept
		assertThat(registry.get("lakebase.wake.retries").counter().count())
			.isEqualTo(MicrometerLakebaseEvents.MAX_PENDING - 1);
	}

}
