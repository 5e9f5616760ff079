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
import com.databricks.sdk.service.database.DatabaseInstance;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import dev.lakebase.spring.jdbc.CredentialSource;
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

	private final Map<String, Optional<Duration>> suspendTimeouts = new ConcurrentHashMap<>();

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
		return this.suspendTimeouts.computeIfAbsent(target.resource(), this::readSuspendTimeout).orElse(fallback);
	}

	private Optional<Duration> readSuspendTimeout(String path) {
		try {
			return Optional.ofNullable(ResolvedConnection.Target.suspendTimeout(endpoint(path)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the suspend timeout of " + path
					+ "; the pool assumes lakebase.pool.default-suspend-timeout", ex);
			return Optional.empty();
		}
	}

	private Endpoint endpoint(String path) {
		return this.client.get().postgres().getEndpoint(new GetEndpointRequest().setName(path));
	}

}
