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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link JdbcConnectionDetails} of the Lakebase endpoint, worked out once, on first use,
 * by {@link ConnectionResolver}. The password is {@code null} for OAuth credentials: the
 * pool asks for the current one through its credentials provider.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseConnectionDetails implements JdbcConnectionDetails {

	private static final Log logger = LogFactory.getLog(LakebaseConnectionDetails.class);

	private final Supplier<ResolvedConnection> connection;

	private final Supplier<WorkspaceClient> workspace;

	private final SingletonSupplier<Optional<Duration>> reportedSuspendTimeout = SingletonSupplier
		.of(this::readSuspendTimeout);

	LakebaseConnectionDetails(Supplier<ResolvedConnection> connection, Supplier<WorkspaceClient> workspace) {
		this.connection = SingletonSupplier.of(connection);
		this.workspace = workspace;
	}

	/**
	 * Return the endpoint's suspend timeout as the workspace reports it, read once.
	 * @param fallback the value for Provisioned instances, native passwords, or a failed
	 * lookup
	 * @return the suspend timeout
	 */
	Duration suspendTimeout(Duration fallback) {
		return this.reportedSuspendTimeout.obtain().orElse(fallback);
	}

	private Optional<Duration> readSuspendTimeout() {
		ResolvedConnection.Target target = connection().target();
		if (target.kind() != ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			return Optional.empty();
		}
		if (target.suspendTimeout() != null) {
			return Optional.of(target.suspendTimeout());
		}
		try {
			return Optional.ofNullable(ResolvedConnection.Target.suspendTimeout(endpoint(target.resource())));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the suspend timeout of " + target.name()
					+ "; the pool assumes lakebase.pool.default-suspend-timeout", ex);
			return Optional.empty();
		}
	}

	/**
	 * Return the state of the compute as the workspace reports it: the endpoint's
	 * {@code status.current_state} (Autoscaling) or the instance's {@code state}
	 * (Provisioned). Asking the workspace neither wakes the compute nor keeps it awake.
	 * @return the state, or {@code null} with a native password or when the workspace
	 * reports none
	 * @throws RuntimeException the SDK's error when the lookup fails
	 */
	@Nullable String computeState() {
		ResolvedConnection.Target target = connection().target();
		return switch (target.kind()) {
			case AUTOSCALING_ENDPOINT -> {
				Endpoint endpoint = endpoint(target.resource());
				yield (endpoint.getStatus() != null && endpoint.getStatus().getCurrentState() != null)
						? endpoint.getStatus().getCurrentState().name() : null;
			}
			case PROVISIONED_INSTANCE -> {
				DatabaseInstance instance = this.workspace.get()
					.database()
					.getDatabaseInstance(new GetDatabaseInstanceRequest().setName(target.resource()));
				yield (instance.getState() != null) ? instance.getState().name() : null;
			}
			case NATIVE_PASSWORD -> null;
		};
	}

	private Endpoint endpoint(String path) {
		return this.workspace.get().postgres().getEndpoint(new GetEndpointRequest().setName(path));
	}

	CredentialSource credentialSource(LakebaseProperties.Credentials properties, Clock clock) {
		ResolvedConnection.Target target = connection().target();
		return switch (target.kind()) {
			case AUTOSCALING_ENDPOINT ->
				WorkspaceCredentialSources.autoscaling(this.workspace, target.resource(), properties.getTtl(), clock);
			case PROVISIONED_INSTANCE ->
				WorkspaceCredentialSources.provisioned(this.workspace, target.resource(), clock);
			case NATIVE_PASSWORD -> CredentialSource.nativePassword(Objects.requireNonNull(target.password()), clock);
		};
	}

	/**
	 * Return connection details derived from these, for example those of the read-only
	 * endpoint, worked out once, on first use.
	 * @param derivation how to derive the connection from this one
	 * @return the derived details
	 */
	LakebaseConnectionDetails derive(Function<ResolvedConnection, ResolvedConnection> derivation) {
		return new LakebaseConnectionDetails(() -> derivation.apply(connection()), this.workspace);
	}

	Supplier<WorkspaceClient> workspace() {
		return this.workspace;
	}

	ResolvedConnection connection() {
		return this.connection.get();
	}

	@Override
	public String getJdbcUrl() {
		return connection().jdbcUrl();
	}

	@Override
	public String getUsername() {
		return connection().username();
	}

	@Override
	public @Nullable String getPassword() {
		return connection().target().password();
	}

	@Override
	public String getDriverClassName() {
		return "org.postgresql.Driver";
	}

	/**
	 * Return the host the DataSource connects to.
	 * @return the host
	 */
	public String getHost() {
		return connection().host();
	}

	/**
	 * Return the endpoint path or instance name credentials are minted for, or
	 * {@code null} with a native password.
	 * @return the endpoint path or instance name
	 */
	public @Nullable String getCredentialTarget() {
		return connection().target().name();
	}

	@Override
	public String toString() {
		return "LakebaseConnectionDetails";
	}

}
