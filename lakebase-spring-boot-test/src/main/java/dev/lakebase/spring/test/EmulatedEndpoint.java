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

import org.jspecify.annotations.Nullable;

/**
 * One compute of the emulator that clients connect to: an Autoscaling endpoint
 * ({@code projects/P/branches/B/endpoints/E}) or a Provisioned instance. It has its own
 * client-facing address, scales to zero on {@link #suspend()} (or after
 * {@link #setAutoSuspendAfter(Duration) an idle time}) and wakes on the next connect.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
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

	private final Kind kind;

	private final @Nullable String project;

	private final @Nullable String branch;

	private final String id;

	private final boolean readOnly;

	private final EndpointCounters counters = new EndpointCounters();

	private final EndpointLifecycle lifecycle = new EndpointLifecycle(this);

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

	/** Return the kind of this endpoint. */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the project id of an Autoscaling endpoint, or {@code null} for a Provisioned
	 * instance.
	 */
	public @Nullable String project() {
		return this.project;
	}

	/**
	 * Return the branch id of an Autoscaling endpoint, or {@code null} for a Provisioned
	 * instance.
	 */
	public @Nullable String branch() {
		return this.branch;
	}

	/** Return the endpoint id or the instance name. */
	public String id() {
		return this.id;
	}

	/** Return whether this endpoint serves read-only sessions. */
	public boolean isReadOnly() {
		return this.readOnly;
	}

	/** Return the host clients connect to (a loopback address). */
	public String host() {
		return this.lifecycle.front().address().getHostAddress();
	}

	/**
	 * Return the host of the readable secondaries of the endpoint's high-availability
	 * group ({@code status.hosts.read_only_host}).
	 * @return the host, or {@code null} without readable secondaries
	 */
	public @Nullable String readOnlyHost() {
		PostgresFront front = this.lifecycle.secondaryFront();
		return (front != null) ? front.address().getHostAddress() : null;
	}

	/**
	 * Return the pooled host of the readable secondaries
	 * ({@code status.hosts.read_only_pooled_host}).
	 * @return the host, or {@code null} without readable secondaries
	 */
	public @Nullable String readOnlyPooledHost() {
		PostgresFront front = this.lifecycle.secondaryPooledFront();
		return (front != null) ? front.address().getHostAddress() : null;
	}

	/**
	 * Return how many client connections the readable secondaries accepted, on their
	 * direct and pooled hosts.
	 * @return the number of connections
	 */
	public long readOnlyConnectionsAccepted() {
		PostgresFront direct = this.lifecycle.secondaryFront();
		PostgresFront pooled = this.lifecycle.secondaryPooledFront();
		return ((direct != null) ? direct.acceptedConnections() : 0)
				+ ((pooled != null) ? pooled.acceptedConnections() : 0);
	}

	/**
	 * Fail the endpoint's high-availability group over, as Lakebase does when its primary
	 * fails: every open client connection closes (statements in flight fail), and
	 * connects are refused ({@code 57P03}, as while PostgreSQL starts) until the downtime
	 * is over.
	 * @param downtime how long connects are refused
	 */
	public void failover(Duration downtime) {
		this.lifecycle.failover(EndpointLifecycle.requireNotNegative(downtime));
	}

	/**
	 * Return the host of the endpoint's connection pooler (a loopback address, on the
	 * endpoint's port where the system has the address): its sessions share PostgreSQL
	 * sessions a transaction at a time, as they do through Lakebase's PgBouncer in
	 * transaction mode.
	 * @return the pooled host
	 */
	public String pooledHost() {
		return this.lifecycle.pooledFront().address().getHostAddress();
	}

	/**
	 * Return the port of the endpoint's connection pooler: the endpoint's own port where
	 * the system has another loopback address for it.
	 * @return the pooled port
	 */
	public int pooledPort() {
		return this.lifecycle.pooledFront().port();
	}

	/**
	 * Return the client connections open on the pooled host.
	 * @return the number of connections
	 */
	public int pooledClientConnections() {
		return this.lifecycle.pooledFront().openConnections();
	}

	/**
	 * Return how many client connections the pooled host accepted in all; the endpoint's
	 * {@link EndpointCounters#connectionsAccepted() counters} count those of both hosts.
	 * @return the number of connections
	 */
	public long pooledConnectionsAccepted() {
		return this.lifecycle.pooledFront().acceptedConnections();
	}

	/**
	 * Return the PostgreSQL sessions the endpoint's pooler holds open, busy or idle.
	 * @return the number of sessions
	 */
	public int poolerServerConnections() {
		TransactionPooler pooler = this.lifecycle.pooledFront().pooler();
		return (pooler != null) ? pooler.serverConnections() : 0;
	}

	/** Return the port clients connect to. */
	public int port() {
		return this.lifecycle.front().port();
	}

	/** Return the state of the compute. */
	public EndpointState state() {
		return this.lifecycle.state();
	}

	/**
	 * Suspend the compute as scale to zero does: every open client connection is closed,
	 * and the next connect wakes it after the {@link #setWakeDelay wake delay}.
	 */
	public void suspend() {
		this.lifecycle.suspend();
	}

	/** Return the number of client connections open on this endpoint. */
	public int openConnections() {
		return this.lifecycle.front().openConnections();
	}

	/**
	 * Return when the last wake completed and the compute became ready, as a
	 * {@link System#nanoTime()} value of this JVM, for measuring how soon a client
	 * notices, or 0 if it never woke.
	 */
	public long lastWakeCompletedNanoTime() {
		return this.lifecycle.lastWakeCompletedNanos();
	}

	/** Return the counters of this endpoint. */
	public EndpointCounters counters() {
		return this.counters;
	}

	/** Return how a suspended compute answers connects while it wakes. */
	public WakeMode wakeMode() {
		return this.lifecycle.wakeMode;
	}

	/**
	 * Set how a suspended compute answers connects while it wakes.
	 * @param wakeMode the wake mode
	 */
	public void setWakeMode(WakeMode wakeMode) {
		this.lifecycle.wakeMode = Objects.requireNonNull(wakeMode);
	}

	/** Return how long the compute takes to wake. */
	public Duration wakeDelay() {
		return this.lifecycle.wakeDelay;
	}

	/**
	 * Set how long the compute takes to wake.
	 * @param wakeDelay the wake delay
	 */
	void setReadableSecondaries(boolean readableSecondaries) {
		this.lifecycle.readableSecondaries = readableSecondaries;
	}

	/** Return whether the endpoint's group has readable secondaries. */
	public boolean hasReadableSecondaries() {
		return this.lifecycle.readableSecondaries;
	}

	public void setWakeDelay(Duration wakeDelay) {
		this.lifecycle.wakeDelay = EndpointLifecycle.requireNotNegative(wakeDelay);
	}

	/**
	 * Return the idle time after which the compute suspends itself, or {@code null} if it
	 * suspends only on {@link #suspend()}.
	 */
	public @Nullable Duration autoSuspendAfter() {
		return this.lifecycle.autoSuspendAfter;
	}

	/**
	 * Set the idle time (no new connection and no statement) after which the compute
	 * suspends itself; {@code null} turns auto-suspend off. The endpoint's
	 * {@code suspend_timeout_duration} reports this value.
	 * @param idleTime the idle time, or {@code null}
	 */
	public void setAutoSuspendAfter(@Nullable Duration idleTime) {
		this.lifecycle.autoSuspendAfter = (idleTime != null) ? EndpointLifecycle.requireNotNegative(idleTime) : null;
	}

	/**
	 * Return the suspend timeout the API reports for this endpoint: the one
	 * {@link #setSuspendTimeout set}, else the auto-suspend idle time, else the Lakebase
	 * default of five minutes.
	 * @return the reported suspend timeout
	 */
	public Duration suspendTimeout() {
		return this.lifecycle.suspendTimeout();
	}

	/**
	 * Set the suspend timeout the API reports ({@code spec.suspend_timeout_duration})
	 * without suspending the compute by itself, so that a test can watch what a client
	 * does with it; {@code null} reports the auto-suspend idle time again.
	 * @param suspendTimeout the reported suspend timeout, or {@code null}
	 */
	public void setSuspendTimeout(@Nullable Duration suspendTimeout) {
		this.lifecycle.reportedSuspendTimeout = (suspendTimeout != null)
				? EndpointLifecycle.requireNotNegative(suspendTimeout) : null;
	}

	/** Return whether the endpoint is set never to suspend. */
	public boolean isNoSuspension() {
		return this.lifecycle.noSuspension;
	}

	/**
	 * Set the endpoint never to suspend ({@code spec.no_suspension}), or back to its
	 * suspend timeout. While set, the API reports {@code no_suspension: true} and no
	 * suspend timeout, and the compute does not suspend by itself (auto-suspend is turned
	 * off); {@link #suspend()} still suspends it, as a restart would.
	 * @param noSuspension whether scale to zero is off
	 */
	public void setNoSuspension(boolean noSuspension) {
		this.lifecycle.setNoSuspension(noSuspension);
	}

	String backendDatabase(String clientDatabase) {
		return (this.branch == null || LakebaseEmulator.DEFAULT_BRANCH.equals(this.branch)) ? clientDatabase
				: clientDatabase + "__" + this.branch;
	}

	EndpointLifecycle lifecycle() {
		return this.lifecycle;
	}

	@Override
	public String toString() {
		return "EmulatedEndpoint[" + path() + "]";
	}

}
