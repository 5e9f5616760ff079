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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What the emulator holds: its identities, endpoints and instances, native roles and
 * tokens, and the lookups the fake workspace and the login check make in them.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EmulatorDirectory {

	private final List<EmulatedIdentity> identities = new CopyOnWriteArrayList<>();

	private final List<EmulatedEndpoint> endpoints = new CopyOnWriteArrayList<>();

	private final Map<String, String> nativePasswords = new ConcurrentHashMap<>();

	private final Map<String, BranchRecord> branchRecords = new ConcurrentHashMap<>();

	private final Map<String, ForwardedToken> forwardedTokens = new ConcurrentHashMap<>();

	private final DatabaseTokens tokens;

	private final Function<EmulatedWorkspace.Target, @Nullable InjectedFault> faults;

	private volatile @Nullable Instant startTime;

	private volatile double maxComputeUnits = 0.5;

	private volatile String appName = "";

	private volatile int appMaxInstances = 1;

	EmulatorDirectory(DatabaseTokens tokens, Function<EmulatedWorkspace.Target, @Nullable InjectedFault> faults) {
		this.tokens = tokens;
		this.faults = faults;
	}

	void compute(double maxComputeUnits) {
		this.maxComputeUnits = maxComputeUnits;
	}

	/** Return the maximum compute size of the endpoints, in CU. */
	double maxComputeUnits() {
		return this.maxComputeUnits;
	}

	void app(String name, int maxInstances) {
		this.appName = name;
		this.appMaxInstances = maxInstances;
	}

	/** Return the name of the app the workspace knows. */
	String appName() {
		return this.appName;
	}

	/** Return the app's maximum number of instances. */
	int appMaxInstances() {
		return this.appMaxInstances;
	}

	DatabaseTokens tokens() {
		return this.tokens;
	}

	List<EmulatedIdentity> identities() {
		return this.identities;
	}

	List<EmulatedEndpoint> endpoints() {
		return this.endpoints;
	}

	void addNativePassword(String roleName, String password) {
		this.nativePasswords.put(roleName, password);
	}

	/**
	 * Return the Postgres roles: of the identities that have one, and the native ones.
	 * @return the role names
	 */
	List<String> roleNames() {
		List<String> roles = new ArrayList<>();
		this.identities.stream().filter(EmulatedIdentity::hasDatabaseRole).forEach((i) -> roles.add(i.roleName()));
		roles.addAll(this.nativePasswords.keySet());
		return roles;
	}

	/**
	 * Return the branches created through the workspace API, by resource name.
	 * @return the branches
	 */
	Map<String, BranchRecord> branchRecords() {
		return this.branchRecords;
	}

	/**
	 * A user's OAuth token as the Databricks Apps proxy forwards it, limited to scopes.
	 *
	 * @param identity the user
	 * @param scopes the scopes the app's user authorization grants
	 */
	record ForwardedToken(EmulatedIdentity identity, Set<String> scopes) {
	}

	void addForwardedToken(String token, EmulatedIdentity identity, Set<String> scopes) {
		this.forwardedTokens.put(token, new ForwardedToken(identity, Set.copyOf(scopes)));
	}

	boolean revokeForwardedToken(String token) {
		return this.forwardedTokens.remove(token) != null;
	}

	@Nullable ForwardedToken forwardedToken(String token) {
		return this.forwardedTokens.get(token);
	}

	void started(Instant startTime) {
		this.startTime = startTime;
	}

	@Nullable EmulatedIdentity servicePrincipal(@Nullable String clientId, @Nullable String clientSecret) {
		EmulatedIdentity identity = identity(clientId);
		return (identity != null && identity.kind() == EmulatedIdentity.Kind.SERVICE_PRINCIPAL
				&& identity.clientSecret().equals(clientSecret)) ? identity : null;
	}

	@Nullable EmulatedIdentity userByToken(String token) {
		for (EmulatedIdentity identity : this.identities) {
			if (identity.kind() == EmulatedIdentity.Kind.USER && identity.personalAccessToken().equals(token)) {
				return identity;
			}
		}
		return null;
	}

	@Nullable EmulatedIdentity identity(@Nullable String roleName) {
		for (EmulatedIdentity identity : this.identities) {
			if (identity.roleName().equals(roleName)) {
				return identity;
			}
		}
		return null;
	}

	@Nullable EmulatedEndpoint endpoint(String path) {
		return find(EmulatedEndpoint.Kind.AUTOSCALING, path);
	}

	@Nullable EmulatedEndpoint instance(String name) {
		return find(EmulatedEndpoint.Kind.PROVISIONED, name);
	}

	private @Nullable EmulatedEndpoint find(EmulatedEndpoint.Kind kind, String path) {
		for (EmulatedEndpoint endpoint : this.endpoints) {
			if (endpoint.kind() == kind && endpoint.path().equals(path)) {
				return endpoint;
			}
		}
		return null;
	}

	List<EmulatedEndpoint> autoscalingEndpoints() {
		return this.endpoints.stream()
			.filter((endpoint) -> endpoint.kind() == EmulatedEndpoint.Kind.AUTOSCALING)
			.toList();
	}

	@Nullable EmulatedEndpoint readOnlyEndpointOf(EmulatedEndpoint endpoint) {
		for (EmulatedEndpoint candidate : autoscalingEndpoints()) {
			if (candidate.isReadOnly() && Objects.equals(candidate.project(), endpoint.project())
					&& Objects.equals(candidate.branch(), endpoint.branch())) {
				return candidate;
			}
		}
		return null;
	}

	Instant startTime() {
		Instant started = this.startTime;
		if (started == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return started;
	}

	@Nullable Instant startTimeIfStarted() {
		return this.startTime;
	}

	@Nullable InjectedFault takeFault(EmulatedWorkspace.Target target) {
		return this.faults.apply(target);
	}

	/**
	 * Whether a login is accepted, as Lakebase decides it: a native role's password, or a
	 * valid database credential of an identity with a database role.
	 * @param roleName the role the client logs in as
	 * @param password the password it sent
	 * @return whether the login is accepted
	 */
	boolean checkLogin(String roleName, String password) {
		String nativePassword = this.nativePasswords.get(roleName);
		if (nativePassword != null && nativePassword.equals(password)) {
			return true;
		}
		EmulatedIdentity identity = identity(roleName);
		return identity != null && identity.hasDatabaseRole()
				&& this.tokens.check(roleName, password) == DatabaseTokens.Check.VALID;
	}

}
