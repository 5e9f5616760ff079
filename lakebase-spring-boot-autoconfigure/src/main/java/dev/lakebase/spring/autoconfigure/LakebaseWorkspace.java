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

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.database.DatabaseInstance;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import dev.lakebase.spring.jdbc.CredentialSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the starter asks the workspace about a connection once it is known: the
 * credentials of its target, the state of its compute, and its suspend timeout (read once
 * per target).
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseWorkspace {

	private static final Log logger = LogFactory.getLog(LakebaseWorkspace.class);

	private final Supplier<WorkspaceClient> client;

	private final Map<String, Optional<Endpoint>> endpoints = new ConcurrentHashMap<>();

	LakebaseWorkspace(Supplier<WorkspaceClient> client) {
		this.client = client;
	}

	Supplier<WorkspaceClient> client() {
		return this.client;
	}

	CredentialSource credentialSource(ResolvedConnection.Target target, LakebaseProperties.Credentials properties,
			Clock clock) {
		return switch (target.kind()) {
			case AUTOSCALING_ENDPOINT ->
				WorkspaceCredentialSources.autoscaling(this.client, target.resource(), properties.getTtl(), clock);
			case PROVISIONED_INSTANCE -> WorkspaceCredentialSources.provisioned(this.client, target.resource(), clock);
			case NATIVE_PASSWORD -> CredentialSource.nativePassword(Objects.requireNonNull(target.password()), clock);
		};
	}

	/**
	 * Return the name the workspace reports for a user's token: for a user, the e-mail
	 * address, which is the user's Postgres role.
	 * @param token the user's token
	 * @return the user name
	 * @throws RuntimeException the SDK's error when the workspace refuses the token
	 */
	String userName(String token) {
		return userClient(token).currentUser().me(new MeRequest()).getUserName();
	}

	/**
	 * Mint a database credential with a user's token, for the user's own role.
	 * @param target what the credential is for
	 * @param token the user's token
	 * @param properties the credential settings
	 * @param clock the clock
	 * @return the credential
	 * @throws RuntimeException the SDK's error when the workspace refuses
	 */
	MintedCredential mintAsUser(ResolvedConnection.Target target, String token,
			LakebaseProperties.Credentials properties, Clock clock) {
		WorkspaceClient client = userClient(token);
		return switch (target.kind()) {
			case AUTOSCALING_ENDPOINT ->
				WorkspaceCredentialSources.autoscaling(() -> client, target.resource(), properties.getTtl(), clock)
					.mint();
			case PROVISIONED_INSTANCE ->
				WorkspaceCredentialSources.provisioned(() -> client, target.resource(), clock).mint();
			case NATIVE_PASSWORD -> throw new IllegalStateException(
					"A native Postgres password has no users: lakebase.users needs credentials minted through the workspace");
		};
	}

	/**
	 * Return a client of the app's workspace that authenticates with a user's token only
	 * (whatever the app's own authentication is).
	 */
	private WorkspaceClient userClient(String token) {
		DatabricksConfig config = new DatabricksConfig().setHost(this.client.get().config().getHost())
			.setToken(token)
			.setAuthType("pat");
		return new WorkspaceClientFactory.LakebaseServices(config);
	}

	/**
	 * Return the token the app's own client authenticates with, which stands in for a
	 * user's locally (the developer's, from a CLI profile or {@code DATABRICKS_TOKEN}).
	 * @return the token, or {@code null} when the client sends none
	 */
	@Nullable String ownToken() {
		String authorization = this.client.get().config().authenticate().get("Authorization");
		return (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7) : null;
	}

	/**
	 * Return the state of the compute as the workspace reports it: the endpoint's
	 * {@code status.current_state} (Autoscaling) or the instance's {@code state}
	 * (Provisioned). Asking the workspace neither wakes the compute nor keeps it awake.
	 * @param target the target
	 * @return the state, or {@code null} with a native password or when the workspace
	 * reports none
	 * @throws RuntimeException the SDK's error when the lookup fails
	 */
	@Nullable String computeState(ResolvedConnection.Target target) {
		return switch (target.kind()) {
			case AUTOSCALING_ENDPOINT -> {
				Endpoint endpoint = endpoint(target.resource());
				yield (endpoint.getStatus() != null && endpoint.getStatus().getCurrentState() != null)
						? endpoint.getStatus().getCurrentState().name() : null;
			}
			case PROVISIONED_INSTANCE -> {
				DatabaseInstance instance = this.client.get()
					.database()
					.getDatabaseInstance(new GetDatabaseInstanceRequest().setName(target.resource()));
				yield (instance.getState() != null) ? instance.getState().name() : null;
			}
			case NATIVE_PASSWORD -> null;
		};
	}

	/**
	 * Return an endpoint's suspend timeout as the workspace reports it, read once per
	 * endpoint.
	 * @param target the target
	 * @param fallback the value for Provisioned instances, native passwords, or a failed
	 * lookup
	 * @return the suspend timeout
	 */
	Duration suspendTimeout(ResolvedConnection.Target target, Duration fallback) {
		if (target.kind() != ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			return fallback;
		}
		if (target.suspendTimeout() != null) {
			return target.suspendTimeout();
		}
		Duration reported = reportedEndpoint(target.resource()).map(ResolvedConnection.Target::suspendTimeout)
			.orElse(null);
		return (reported != null) ? reported : fallback;
	}

	/**
	 * Return an endpoint's maximum compute size as the workspace reports it, read once
	 * per endpoint (and not at all when the connection's resolution read it).
	 * @param target the target
	 * @return the size in CU, or {@code null} for Provisioned instances, native passwords
	 * and a failed lookup
	 */
	@Nullable Double maxComputeUnits(ResolvedConnection.Target target) {
		if (target.kind() != ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			return null;
		}
		if (target.maxComputeUnits() != null) {
			return target.maxComputeUnits();
		}
		return reportedEndpoint(target.resource()).map(ResolvedConnection.Target::maxComputeUnits).orElse(null);
	}

	/**
	 * Return the maximum number of instances of a Databricks app, if the workspace lets
	 * this identity read the app.
	 * @param appName the app's name
	 * @return its {@code compute_max_instances}, or {@code null}
	 */
	@Nullable Long appMaxInstances(String appName) {
		try {
			return this.client.get().apps().get(appName).getComputeMaxInstances();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the app " + appName + ": " + WorkspaceErrors.describe(ex));
			return null;
		}
	}

	private Optional<Endpoint> reportedEndpoint(String path) {
		return this.endpoints.computeIfAbsent(path, (key) -> {
			try {
				return Optional.of(endpoint(key));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read the endpoint " + key
						+ "; the pool assumes lakebase.pool.default-suspend-timeout", ex);
				return Optional.empty();
			}
		});
	}

	private Endpoint endpoint(String path) {
		return this.client.get().postgres().getEndpoint(new GetEndpointRequest().setName(path));
	}

}
