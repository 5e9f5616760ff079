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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link LakebaseEmulator}, from {@link LakebaseEmulator#builder()}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseEmulatorBuilder {

	/**
	 * PostgreSQL's upper bound of {@code max_connections}.
	 */
	private static final int MAX_BACKENDS = 262_143;

	/** Lakebase's connections per CU of compute. */
	private static final double CONNECTIONS_PER_CU = 209.75;

	private static final Pattern RESOURCE_ID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

	String project = "emulator";

	final List<String> branches = new ArrayList<>();

	final List<String> instances = new ArrayList<>();

	boolean readOnlyEndpoint;

	boolean readableSecondaries;

	Duration tokenLifetime = Duration.ofHours(1);

	int maxConnections = connectionLimit(0.5);

	double maxComputeUnits = 0.5;

	int appMaxInstances = 1;

	WakeMode wakeMode = WakeMode.HOLD;

	Duration wakeDelay = Duration.ofMillis(300);

	@Nullable Duration autoSuspendAfter;

	String userName = "developer@example.com";

	String appName = "lakebase-emulator-app";

	Clock clock = Clock.systemUTC();

	LakebaseEmulatorBuilder() {
	}

	/**
	 * Set the project id (default {@code emulator}).
	 * @param project the project id
	 */
	public LakebaseEmulatorBuilder project(String project) {
		this.project = requireResourceId(project, "Project id");
		return this;
	}

	/**
	 * Add a branch besides {@code production}, with its own copy of the database and its
	 * own {@code primary} endpoint.
	 * @param branch the branch id
	 */
	public LakebaseEmulatorBuilder branch(String branch) {
		requireResourceId(branch, "Branch id");
		if (branch.equals(LakebaseEmulator.DEFAULT_BRANCH) || this.branches.contains(branch)) {
			throw new IllegalArgumentException("Branch " + branch + " exists already");
		}
		this.branches.add(branch);
		return this;
	}

	/**
	 * Give the production branch's primary endpoint a high-availability group with
	 * readable secondaries: read-only sessions of the same database on hosts of their own
	 * ({@code status.hosts.read_only_host} and {@code read_only_pooled_host}).
	 */
	public LakebaseEmulatorBuilder readableSecondaries() {
		this.readableSecondaries = true;
		return this;
	}

	/**
	 * Add a read-only endpoint to the production branch, whose sessions run with
	 * {@code default_transaction_read_only}.
	 */
	public LakebaseEmulatorBuilder readOnlyEndpoint() {
		this.readOnlyEndpoint = true;
		return this;
	}

	/**
	 * Add a Provisioned instance, which serves the production database.
	 * @param name the instance name
	 */
	public LakebaseEmulatorBuilder provisionedInstance(String name) {
		requireResourceId(name, "Instance name");
		this.instances.add(name);
		return this;
	}

	/**
	 * Set the lifetime of minted database credentials (default one hour).
	 * @param lifetime the token lifetime
	 */
	public LakebaseEmulatorBuilder tokenLifetime(Duration lifetime) {
		this.tokenLifetime = requirePositive(lifetime);
		return this;
	}

	/**
	 * Set PostgreSQL's {@code max_connections} (default 104, as a compute of 0.5 CU). The
	 * endpoint reports as its maximum compute size the CU that allow as many connections
	 * on Lakebase (about 209 per CU), which need not be a size Lakebase offers.
	 * @param maxConnections the connection limit
	 */
	public LakebaseEmulatorBuilder maxConnections(int maxConnections) {
		if (maxConnections < 5 || maxConnections > MAX_BACKENDS) {
			throw new IllegalArgumentException(
					"maxConnections must be between 5 and " + MAX_BACKENDS + " (PostgreSQL's limit)");
		}
		this.maxConnections = maxConnections;
		this.maxComputeUnits = maxConnections / CONNECTIONS_PER_CU;
		return this;
	}

	/**
	 * Set the endpoint's maximum compute size (default 0.5 CU), and PostgreSQL's
	 * {@code max_connections} to Lakebase's limit for it: 104 at 0.5 CU, 209 at 1, 419 at
	 * 2, 839 at 4, 1,678 at 8, at most 4,000.
	 * @param computeUnits the maximum compute size in CU
	 */
	public LakebaseEmulatorBuilder maxComputeUnits(double computeUnits) {
		if (!(computeUnits >= 0.5 && computeUnits <= 112)) {
			throw new IllegalArgumentException("maxComputeUnits must be between 0.5 and 112 CU");
		}
		this.maxComputeUnits = computeUnits;
		this.maxConnections = connectionLimit(computeUnits);
		return this;
	}

	/**
	 * Set the app's maximum number of instances ({@code compute_max_instances}) that the
	 * workspace reports for the app of {@link #appName(String)} (default 1).
	 * @param instances the instances
	 */
	public LakebaseEmulatorBuilder appMaxInstances(int instances) {
		if (instances < 1) {
			throw new IllegalArgumentException("appMaxInstances must be 1 or more");
		}
		this.appMaxInstances = instances;
		return this;
	}

	private static int connectionLimit(double computeUnits) {
		return (int) Math.min(4000, Math.floor(computeUnits * CONNECTIONS_PER_CU + 1e-6));
	}

	/**
	 * Set how suspended endpoints answer connects while they wake (default
	 * {@link WakeMode#HOLD}).
	 * @param wakeMode the wake mode
	 */
	public LakebaseEmulatorBuilder wakeMode(WakeMode wakeMode) {
		this.wakeMode = Objects.requireNonNull(wakeMode);
		return this;
	}

	/**
	 * Set how long a suspended endpoint takes to wake (default 300 ms).
	 * @param wakeDelay the wake delay
	 */
	public LakebaseEmulatorBuilder wakeDelay(Duration wakeDelay) {
		this.wakeDelay = Objects.requireNonNull(wakeDelay);
		return this;
	}

	/**
	 * Let endpoints suspend themselves after an idle time (default off).
	 * @param idleTime the idle time
	 */
	public LakebaseEmulatorBuilder autoSuspendAfter(Duration idleTime) {
		this.autoSuspendAfter = requirePositive(idleTime);
		return this;
	}

	/**
	 * Set the e-mail address of the default user.
	 * @param email the user name
	 */
	public LakebaseEmulatorBuilder userName(String email) {
		this.userName = Objects.requireNonNull(email);
		return this;
	}

	/**
	 * Set the app name handed out as {@code PGAPPNAME}.
	 * @param appName the app name
	 */
	public LakebaseEmulatorBuilder appName(String appName) {
		this.appName = Objects.requireNonNull(appName);
		return this;
	}

	/**
	 * Set the clock that decides token expiry.
	 * @param clock the clock
	 */
	public LakebaseEmulatorBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock);
		return this;
	}

	/**
	 * Return the endpoints and instances these settings make: the {@code primary}
	 * endpoint of the production branch first.
	 */
	List<EmulatedEndpoint> endpoints() {
		List<EmulatedEndpoint> endpoints = new ArrayList<>();
		EmulatedEndpoint primary = new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, this.project,
				LakebaseEmulator.DEFAULT_BRANCH, LakebaseEmulator.PRIMARY_ENDPOINT, false);
		primary.setReadableSecondaries(this.readableSecondaries);
		endpoints.add(primary);
		if (this.readOnlyEndpoint) {
			endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, this.project,
					LakebaseEmulator.DEFAULT_BRANCH, LakebaseEmulator.READ_ONLY_ENDPOINT, true));
		}
		for (String branch : this.branches) {
			endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, this.project, branch,
					LakebaseEmulator.PRIMARY_ENDPOINT, false));
		}
		for (String instance : this.instances) {
			endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, instance, false));
		}
		for (EmulatedEndpoint endpoint : endpoints) {
			endpoint.setWakeMode(this.wakeMode);
			endpoint.setWakeDelay(this.wakeDelay);
			endpoint.setAutoSuspendAfter(this.autoSuspendAfter);
		}
		return endpoints;
	}

	/**
	 * Build the emulator without starting it.
	 * @return the emulator
	 */
	public LakebaseEmulator build() {
		return new LakebaseEmulator(this);
	}

	/**
	 * Build and start the emulator.
	 * @return the running emulator
	 * @throws IllegalStateException if it cannot start
	 */
	public LakebaseEmulator start() {
		return build().start();
	}

	static Duration requireNonNegative(Duration duration) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException("Duration must not be negative: " + duration);
		}
		return duration;
	}

	static Duration requirePositive(Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("Duration must be positive: " + duration);
		}
		return duration;
	}

	private static String requireResourceId(String id, String what) {
		if (id == null || !RESOURCE_ID.matcher(id).matches()) {
			throw new IllegalArgumentException(what + " '" + id
					+ "' is not a valid resource id (1-63 lowercase letters, digits and hyphens, starting with a letter)");
		}
		return id;
	}

}
