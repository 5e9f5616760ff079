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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.MintedCredential;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Records {@link LakebaseEvents} as Micrometer meters under {@code lakebase.}. A
 * {@link MeterBinder}: Spring Boot hands it the registry on its own thread, so the
 * threads that report (credential refreshes, connects) never look a bean up. What is
 * reported before that, such as the first mint during start-up, is kept (up to
 * {@value #MAX_PENDING} recordings) and recorded when the registry is bound.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class MicrometerLakebaseEvents implements LakebaseEvents, MeterBinder {

	static final int MAX_PENDING = 1000;

	private final Binding binding;

	private final Tags pool;

	/**
	 * Create the events of the main pool.
	 * @param credentials the pool's credentials, once they exist
	 * @param poolName the pool name, which the meters carry as the tag {@code pool}
	 */
	public MicrometerLakebaseEvents(Supplier<CredentialCache> credentials, String poolName) {
		this(new Binding(), credentials, poolName);
	}

	private MicrometerLakebaseEvents(Binding binding, Supplier<CredentialCache> credentials, String poolName) {
		this.binding = binding;
		this.pool = Tags.of("pool", poolName);
		Supplier<CredentialCache> resolved = SingletonSupplier.of(credentials);
		binding.record((registry) -> Gauge
			.builder("lakebase.credentials.expiry", resolved, (current) -> secondsLeft(current.get()))
			.description("Seconds until the current Lakebase database credential expires")
			.baseUnit("seconds")
			.tags(this.pool)
			.strongReference(true)
			.register(registry));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.binding.bind(registry);
	}

	@Override
	public LakebaseEvents forPool(String poolName, Supplier<CredentialCache> credentials) {
		return new MicrometerLakebaseEvents(this.binding, credentials, poolName);
	}

	@Override
	public void credentialRefreshed(String source, Duration duration, boolean success) {
		this.binding.record((registry) -> {
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
		});
	}

	@Override
	public void wakeRetried() {
		this.binding.record((registry) -> Counter.builder("lakebase.wake.retries")
			.description("Connects retried while the endpoint woke")
			.tags(this.pool)
			.register(registry)
			.increment());
	}

	@Override
	public void woke(Duration duration) {
		this.binding.record((registry) -> Timer.builder("lakebase.wake.duration")
			.description("Time from the first refused connect to a connect that succeeded")
			.tags(this.pool)
			.register(registry)
			.record(duration));
	}

	@Override
	public void connectionFailed(FailureClass failureClass) {
		this.binding.record((registry) -> Counter.builder("lakebase.connection.failures")
			.description("Physical connects that failed")
			.tag("class", failureClass.tag())
			.tags(this.pool)
			.register(registry)
			.increment());
	}

	private static double secondsLeft(CredentialCache credentials) {
		MintedCredential current = (credentials != null) ? credentials.current() : null;
		if (current == null || Instant.MAX.equals(current.expiresAt())) {
			return Double.NaN;
		}
		return Duration.between(Instant.now(), current.expiresAt()).toMillis() / 1000.0;
	}

	/**
	 * The registry the events of every pool record to, once bound, and what they reported
	 * before.
	 */
	private static final class Binding {

		private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();

		private volatile @Nullable MeterRegistry registry;

		void record(Consumer<MeterRegistry> recording) {
			MeterRegistry bound = this.registry;
			if (bound == null) {
				synchronized (this) {
					bound = this.registry;
					if (bound == null) {
						if (this.pending.size() < MAX_PENDING) {
							this.pending.add(recording);
						}
						return;
					}
				}
			}
			recording.accept(bound);
		}

		void bind(MeterRegistry registry) {
			List<Consumer<MeterRegistry>> replay;
			synchronized (this) {
				if (this.registry != null) {
					return;
				}
				replay = new ArrayList<>(this.pending);
				this.pending.clear();
				this.registry = registry;
			}
			replay.forEach((recording) -> recording.accept(registry));
		}

	}

}
