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
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One compute of the emulator that clients connect to: an Autoscaling endpoint
 * ({@code projects/P/branches/B/endpoints/E}) or a Provisioned instance. It has its own
 * client-facing address, scales to zero on {@link #suspend()} (or after
 * {@link #setAutoSuspendAfter(Duration) an idle time}) and wakes on the next connect.
 *
 * @author Lakebase Spring Boot contributors
 */
public final class EmulatedEndpoint {

	/**
	 * Which Lakebase generation the endpoint belongs to.
	 */
	public enum Kind {

		/** An Autoscaling endpoint, addressed by its resource path. */
		AUTOSCALING,

		/** A Provisioned instance, addressed by its name. */
		PROVISIONED

	}

	private static final long HOLD_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

	private final Kind kind;

	private final @Nullable String project;

	private final @Nullable String branch;

	private final String id;

	private final boolean readOnly;

	private final EndpointCounters counters = new EndpointCounters();

	private final Object monitor = new Object();

	private EndpointState state = EndpointState.ACTIVE;

	private volatile WakeMode wakeMode = WakeMode.HOLD;

	private volatile Duration wakeDelay = Duration.ofMillis(300);

	private volatile @Nullable Duration autoSuspendAfter;

	private volatile @Nullable Duration reportedSuspendTimeout;

	private volatile boolean noSuspension;

	private volatile boolean requireTls = true;

	private volatile long lastActivityNanos = System.nanoTime();

	private volatile long lastWakeCompletedNanos;

	private volatile @Nullable PostgresFront front;

	private volatile @Nullable ScheduledExecutorService scheduler;

	EmulatedEndpoint(Kind kind, @Nullable String project, @Nullable String branch, String id, boolean readOnly) {
		this.kind = Objects.requireNonNull(kind);
		this.project = project;
		this.branch = branch;
		this.id = Objects.requireNonNull(id);
		this.readOnly = readOnly;
	}

	/**
	 * Return the name the APIs know this endpoint by: the resource path of an Autoscaling
	 * endpoint or the name of a Provisioned instance.
	 * @return the path or instance name
	 */
	public String path() {
		return (this.kind == Kind.AUTOSCALING)
				? "projects/" + this.project + "/branches/" + this.branch + "/endpoints/" + this.id : this.id;
	}

	/**
	 * Return the kind of this endpoint.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the project id of an Autoscaling endpoint.
	 * @return the project id, or {@code null} for a Provisioned instance
	 */
	public @Nullable String project() {
		return this.project;
	}

	/**
	 * Return the branch id of an Autoscaling endpoint.
	 * @return the branch id, or {@code null} for a Provisioned instance
	 */
	public @Nullable String branch() {
		return this.branch;
	}

	/**
	 * Return the endpoint id or the instance name.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return whether this endpoint serves read-only sessions.
	 * @return whether the endpoint is read-only
	 */
	public boolean isReadOnly() {
		return this.readOnly;
	}

	/**
	 * Return the host clients connect to (a loopback address).
	 * @return the host
	 */
	public String host() {
		return requireFront().address().getHostAddress();
	}

	/**
	 * Return the port clients connect to.
	 * @return the port
	 */
	public int port() {
		return requireFront().port();
	}

	/**
	 * Return the state of the compute.
	 * @return the state
	 */
	public EndpointState state() {
		synchronized (this.monitor) {
			return this.state;
		}
	}

	/**
	 * Suspend the compute as scale to zero does: every open client connection is closed,
	 * and the next connect wakes it after the {@link #setWakeDelay wake delay}.
	 */
	public void suspend() {
		synchronized (this.monitor) {
			if (this.state == EndpointState.IDLE) {
				return;
			}
			this.state = EndpointState.IDLE;
			this.counters.suspended();
		}
		requireFront().closeConnections();
	}

	/**
	 * Return the number of client connections open on this endpoint.
	 * @return the open connections
	 */
	public int openConnections() {
		return requireFront().openConnections();
	}

	/**
	 * Return when the last wake completed and the compute became ready, as a
	 * {@link System#nanoTime()} value of this JVM, for measuring how soon a client
	 * notices.
	 * @return the nano time of the last completed wake, or 0 if it never woke
	 */
	public long lastWakeCompletedNanoTime() {
		return this.lastWakeCompletedNanos;
	}

	/**
	 * Return the counters of this endpoint.
	 * @return the counters
	 */
	public EndpointCounters counters() {
		return this.counters;
	}

	/**
	 * Return how a suspended compute answers connects while it wakes.
	 * @return the wake mode
	 */
	public WakeMode wakeMode() {
		return this.wakeMode;
	}

	/**
	 * Set how a suspended compute answers connects while it wakes.
	 * @param wakeMode the wake mode
	 */
	public void setWakeMode(WakeMode wakeMode) {
		this.wakeMode = Objects.requireNonNull(wakeMode);
	}

	/**
	 * Return how long the compute takes to wake.
	 * @return the wake delay
	 */
	public Duration wakeDelay() {
		return this.wakeDelay;
	}

	/**
	 * Set how long the compute takes to wake.
	 * @param wakeDelay the wake delay
	 */
	public void setWakeDelay(Duration wakeDelay) {
		this.wakeDelay = requireNotNegative(wakeDelay);
	}

	/**
	 * Return the idle time after which the compute suspends itself, or {@code null} if it
	 * suspends only on {@link #suspend()}.
	 * @return the auto-suspend idle time
	 */
	public @Nullable Duration autoSuspendAfter() {
		return this.autoSuspendAfter;
	}

	/**
	 * Set the idle time (no new connection and no statement) after which the compute
	 * suspends itself; {@code null} turns auto-suspend off. The endpoint's
	 * {@code suspend_timeout_duration} reports this value.
	 * @param idleTime the idle time, or {@code null}
	 */
	public void setAutoSuspendAfter(@Nullable Duration idleTime) {
		this.autoSuspendAfter = (idleTime != null) ? requireNotNegative(idleTime) : null;
	}

	/**
	 * Return the suspend timeout the API reports for this endpoint: the one
	 * {@link #setSuspendTimeout set}, else the auto-suspend idle time, else the Lakebase
	 * default of five minutes.
	 * @return the reported suspend timeout
	 */
	public Duration suspendTimeout() {
		Duration reported = this.reportedSuspendTimeout;
		if (reported != null) {
			return reported;
		}
		Duration idleTime = this.autoSuspendAfter;
		return (idleTime != null) ? idleTime : Duration.ofMinutes(5);
	}

	/**
	 * Set the suspend timeout the API reports ({@code spec.suspend_timeout_duration})
	 * without suspending the compute by itself, so that a test can watch what a client
	 * does with it; {@code null} reports the auto-suspend idle time again.
	 * @param suspendTimeout the reported suspend timeout, or {@code null}
	 */
	public void setSuspendTimeout(@Nullable Duration suspendTimeout) {
		this.reportedSuspendTimeout = (suspendTimeout != null) ? requireNotNegative(suspendTimeout) : null;
	}

	/**
	 * Return whether the endpoint is set never to suspend.
	 * @return whether scale to zero is off
	 */
	public boolean isNoSuspension() {
		return this.noSuspension;
	}

	/**
	 * Set the endpoint never to suspend ({@code spec.no_suspension}), or back to its
	 * suspend timeout. While set, the API reports {@code no_suspension: true} and no
	 * suspend timeout, and the compute does not suspend by itself (auto-suspend is turned
	 * off); {@link #suspend()} still suspends it, as a restart would.
	 * @param noSuspension whether scale to zero is off
	 */
	public void setNoSuspension(boolean noSuspension) {
		this.noSuspension = noSuspension;
		if (noSuspension) {
			this.autoSuspendAfter = null;
		}
	}

	/**
	 * Return whether connections without TLS are refused, as Lakebase does.
	 * @return whether TLS is required
	 */
	public boolean requiresTls() {
		return this.requireTls;
	}

	/**
	 * Set whether connections without TLS are refused (default {@code true}).
	 * @param requireTls whether TLS is required
	 */
	public void setRequireTls(boolean requireTls) {
		this.requireTls = requireTls;
	}

	String backendDatabase(String clientDatabase) {
		return (this.branch == null || LakebaseEmulator.DEFAULT_BRANCH.equals(this.branch)) ? clientDatabase
				: clientDatabase + "__" + this.branch;
	}

	void attach(PostgresFront front, ScheduledExecutorService scheduler) {
		this.front = front;
		this.scheduler = scheduler;
		scheduler.scheduleWithFixedDelay(this::suspendIfIdle, 50, 50, TimeUnit.MILLISECONDS);
	}

	boolean admit(WakeMode mode) {
		synchronized (this.monitor) {
			this.lastActivityNanos = System.nanoTime();
			if (this.state == EndpointState.ACTIVE) {
				return true;
			}
			this.counters.connectWhileAsleep();
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

	private void startWake() {
		if (this.state == EndpointState.IDLE) {
			this.state = EndpointState.INIT;
			this.counters.woke();
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

	void statementSeen() {
		this.lastActivityNanos = System.nanoTime();
		this.counters.statementSeen();
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

	private PostgresFront requireFront() {
		PostgresFront current = this.front;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current;
	}

	private static Duration requireNotNegative(Duration duration) {
		if (Objects.requireNonNull(duration).isNegative()) {
			throw new IllegalArgumentException("Duration must not be negative: " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "EmulatedEndpoint[" + path() + "]";
	}

}
