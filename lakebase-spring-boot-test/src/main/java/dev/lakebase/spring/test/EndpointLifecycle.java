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

package dev.lakebase.spring.test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The compute behind an {@link EmulatedEndpoint}: whether it is active, suspended or
 * waking, the wake a connect waits for, and the idle timer that suspends it. What the
 * endpoint's {@link PostgresFront} sees of it.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EndpointLifecycle implements FrontEndpoint {

	private static final long HOLD_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

	private final EmulatedEndpoint endpoint;

	private final Object monitor = new Object();

	private EndpointState state = EndpointState.ACTIVE;

	private volatile long lastActivityNanos = System.nanoTime();

	private volatile long lastWakeCompletedNanos;

	private volatile @Nullable PostgresFront front;

	private volatile @Nullable PostgresFront pooledFront;

	private volatile @Nullable PostgresFront secondaryFront;

	private volatile @Nullable PostgresFront secondaryPooledFront;

	private volatile long failoverUntilNanos;

	volatile boolean readableSecondaries;

	private volatile @Nullable ScheduledExecutorService scheduler;

	volatile WakeMode wakeMode = WakeMode.HOLD;

	volatile Duration wakeDelay = Duration.ofMillis(300);

	volatile @Nullable Duration autoSuspendAfter;

	volatile @Nullable Duration reportedSuspendTimeout;

	volatile boolean noSuspension;

	EndpointLifecycle(EmulatedEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	void attach(PostgresFront front, ScheduledExecutorService scheduler) {
		this.front = front;
		this.scheduler = scheduler;
		scheduler.scheduleWithFixedDelay(this::suspendIfIdle, 50, 50, TimeUnit.MILLISECONDS);
	}

	void attachPooled(PostgresFront front) {
		this.pooledFront = front;
	}

	void attachSecondaries(PostgresFront direct, PostgresFront pooled) {
		this.secondaryFront = direct;
		this.secondaryPooledFront = pooled;
	}

	@Nullable PostgresFront secondaryFront() {
		return this.secondaryFront;
	}

	@Nullable PostgresFront secondaryPooledFront() {
		return this.secondaryPooledFront;
	}

	/**
	 * Fail the endpoint group over: every client connection closes, and connects are
	 * refused as while PostgreSQL starts until the downtime is over.
	 */
	void failover(Duration downtime) {
		this.failoverUntilNanos = System.nanoTime() + downtime.toNanos();
		closeAllConnections();
	}

	private void closeAllConnections() {
		front().closeConnections();
		pooledFront().closeConnections();
		PostgresFront secondary = this.secondaryFront;
		if (secondary != null) {
			secondary.closeConnections();
		}
		PostgresFront secondaryPooled = this.secondaryPooledFront;
		if (secondaryPooled != null) {
			secondaryPooled.closeConnections();
		}
	}

	PostgresFront pooledFront() {
		PostgresFront current = this.pooledFront;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current;
	}

	PostgresFront front() {
		PostgresFront current = this.front;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current;
	}

	EndpointState state() {
		synchronized (this.monitor) {
			return this.state;
		}
	}

	long lastWakeCompletedNanos() {
		return this.lastWakeCompletedNanos;
	}

	void suspend() {
		synchronized (this.monitor) {
			if (this.state == EndpointState.IDLE) {
				return;
			}
			this.state = EndpointState.IDLE;
			this.endpoint.counters().suspended();
		}
		closeAllConnections();
	}

	@Override
	public String path() {
		return this.endpoint.path();
	}

	@Override
	public WakeMode wakeMode() {
		return this.wakeMode;
	}

	Duration suspendTimeout() {
		Duration reported = this.reportedSuspendTimeout;
		if (reported != null) {
			return reported;
		}
		Duration idleTime = this.autoSuspendAfter;
		return (idleTime != null) ? idleTime : Duration.ofMinutes(5);
	}

	void setNoSuspension(boolean noSuspension) {
		this.noSuspension = noSuspension;
		if (noSuspension) {
			this.autoSuspendAfter = null;
		}
	}

	static Duration requireNotNegative(Duration duration) {
		if (java.util.Objects.requireNonNull(duration).isNegative()) {
			throw new IllegalArgumentException("Duration must not be negative: " + duration);
		}
		return duration;
	}

	@Override
	public boolean isReadOnly() {
		return this.endpoint.isReadOnly();
	}

	@Override
	public String backendDatabase(String clientDatabase) {
		return this.endpoint.backendDatabase(clientDatabase);
	}

	@Override
	public void connectionAccepted() {
		this.endpoint.counters().connectionAccepted();
	}

	@Override
	public void tlsHandshake(boolean resumed) {
		this.endpoint.counters().tlsHandshake(resumed);
	}

	@Override
	public void login(boolean succeeded, Map<String, String> startupParameters) {
		if (succeeded) {
			this.endpoint.counters().loginSucceeded(startupParameters);
		}
		else {
			this.endpoint.counters().loginFailed();
		}
	}

	@Override
	public boolean admit(WakeMode mode) {
		if (System.nanoTime() - this.failoverUntilNanos < 0) {
			return false;
		}
		synchronized (this.monitor) {
			this.lastActivityNanos = System.nanoTime();
			if (this.state == EndpointState.ACTIVE) {
				return true;
			}
			this.endpoint.counters().connectWhileAsleep();
			startWake();
			if (mode != WakeMode.HOLD) {
				return false;
			}
			long deadline = System.nanoTime() + HOLD_LIMIT_NANOS;
			while (this.state != EndpointState.ACTIVE) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					this.monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
				startWake();
			}
			return true;
		}
	}

	@Override
	public void statementSeen() {
		this.lastActivityNanos = System.nanoTime();
		this.endpoint.counters().statementSeen();
	}

	private void startWake() {
		if (this.state == EndpointState.IDLE) {
			this.state = EndpointState.INIT;
			this.endpoint.counters().woke();
			ScheduledExecutorService scheduler = this.scheduler;
			if (scheduler == null) {
				throw new IllegalStateException("The endpoint is not running");
			}
			scheduler.schedule(this::finishWake, this.wakeDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void finishWake() {
		synchronized (this.monitor) {
			if (this.state == EndpointState.INIT) {
				this.state = EndpointState.ACTIVE;
				this.lastActivityNanos = System.nanoTime();
				this.lastWakeCompletedNanos = this.lastActivityNanos;
				this.monitor.notifyAll();
			}
		}
	}

	private void suspendIfIdle() {
		Duration idleTime = this.autoSuspendAfter;
		if (idleTime == null) {
			return;
		}
		synchronized (this.monitor) {
			if (this.state != EndpointState.ACTIVE || System.nanoTime() - this.lastActivityNanos < idleTime.toNanos()) {
				return;
			}
		}
		suspend();
	}

}
