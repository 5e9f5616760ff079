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

package dev.lakebase.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Records {@link LakebaseEvents} as Micrometer meters under {@code lakebase.}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class MicrometerLakebaseEvents implements LakebaseEvents {

	private final ObjectProvider<MeterRegistry> registry;

	private final Supplier<RefreshingCredentials> credentials;

	private final Tags pool;

	private final AtomicBoolean expiryGaugeRegistered = new AtomicBoolean();

	MicrometerLakebaseEvents(ObjectProvider<MeterRegistry> registry, Supplier<RefreshingCredentials> credentials,
			String poolName) {
		this.registry = registry;
		this.credentials = credentials;
		this.pool = Tags.of("pool", poolName);
	}

	@Override
	public LakebaseEvents forPool(String poolName, Supplier<RefreshingCredentials> credentials) {
		return new MicrometerLakebaseEvents(this.registry, credentials, poolName);
	}

	@Override
	public void credentialRefreshed(String source, Duration duration, boolean success) {
		MeterRegistry registry = this.registry.getIfAvailable();
		if (registry == null) {
			return;
		}
		RefreshingCredentials credentials = this.credentials.get();
		if (credentials != null && this.expiryGaugeRegistered.compareAndSet(false, true)) {
			Gauge.builder("lakebase.credentials.expiry", credentials, MicrometerLakebaseEvents::secondsLeft)
				.description("Seconds until the current Lakebase database credential expires")
				.baseUnit("seconds")
				.tags(this.pool)
				.register(registry);
		}
		Timer.builder("lakebase.credentials.refresh")
			.description("Attempts to obtain a Lakebase database credential")
			.tag("outcome", success ? "success" : "failure")
			.tags(this.pool)
			.register(registry)
			.record(duration);
		if (success) {
			Counter.builder("lakebase.credentials.mints")
				.description("Lakebase database credentials obtained")
				.tag("source", source)
				.tags(this.pool)
				.register(registry)
				.increment();
		}
	}

	@Override
	public void wakeRetried() {
		MeterRegistry registry = this.registry.getIfAvailable();
		if (registry != null) {
			Counter.builder("lakebase.wake.retries")
				.description("Connects retried while the endpoint woke")
				.tags(this.pool)
				.register(registry)
				.increment();
		}
	}

	@Override
	public void woke(Duration duration) {
		MeterRegistry registry = this.registry.getIfAvailable();
		if (registry != null) {
			Timer.builder("lakebase.wake.duration")
				.description("Time from the first refused connect to a connect that succeeded")
				.tags(this.pool)
				.register(registry)
				.record(duration);
		}
	}

	@Override
	public void connectionFailed(FailureClass failureClass) {
		MeterRegistry registry = this.registry.getIfAvailable();
		if (registry != null) {
			Counter.builder("lakebase.connection.failures")
				.description("Physical connects that failed")
				.tag("class", failureClass.tag())
				.tags(this.pool)
				.register(registry)
				.increment();
		}
	}

	private static double secondsLeft(RefreshingCredentials credentials) {
		LakebaseCredential current = credentials.current();
		if (current == null || Instant.MAX.equals(current.expiresAt())) {
			return Double.NaN;
		}
		return Duration.between(Instant.now(), current.expiresAt()).toMillis() / 1000.0;
	}

}
