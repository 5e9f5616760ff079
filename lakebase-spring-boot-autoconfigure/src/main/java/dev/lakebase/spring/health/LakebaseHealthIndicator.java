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

package dev.lakebase.spring.health;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import dev.lakebase.spring.jdbc.MintedCredential;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Lakebase DataSource, from what the starter already knows: the credential
 * state, the pool's counts and the compute's state from the workspace API. It never opens
 * a connection and sends no statement, so it neither wakes a suspended endpoint nor keeps
 * it awake. DOWN when no valid credential can be had, or when the last connect failed
 * authentication with a credential no newer one has replaced. It never waits for the
 * workspace: the compute state is the last reading, refreshed in the background.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<Connection> connection;

	private final CredentialCache credentials;

	private final HikariDataSource dataSource;

	private final ComputeStateCache computeState;

	/**
	 * Create an indicator of one Lakebase pool.
	 * @param connection where the pool connects, once that is known
	 * @param computeState a lookup of the compute's state in the workspace API; the
	 * message of what it throws is reported as the lookup's error
	 * @param computeStateTtl how long a reading of the compute state is reused; zero
	 * turns the lookup off
	 * @param credentials the pool's credentials
	 * @param dataSource the pool
	 */
	public LakebaseHealthIndicator(Supplier<Connection> connection, Supplier<String> computeState,
			Duration computeStateTtl, CredentialCache credentials, HikariDataSource dataSource) {
		super("Lakebase health check failed");
		this.connection = connection;
		this.computeState = new ComputeStateCache(computeState, computeStateTtl);
		this.credentials = credentials;
		this.dataSource = dataSource;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Connection connection = this.connection.get();
		builder.withDetail("target", connection.target()).withDetail("host", connection.host());
		builder.withDetail("pooler", connection.directHost() != null);
		if (connection.directHost() != null) {
			builder.withDetail("directHost", connection.directHost());
		}
		if (connection.hasCompute() && this.computeState.enabled()) {
			addComputeState(builder);
		}
		MintedCredential current = this.credentials.current();
		Throwable lastError = this.credentials.lastError();
		boolean valid = current != null && Instant.now().isBefore(current.expiresAt());
		if (current != null && !Instant.MAX.equals(current.expiresAt())) {
			builder.withDetail("credentialExpiresAt", current.expiresAt().toString());
		}
		if (this.credentials.lastRefresh() != null) {
			builder.withDetail("lastRefresh", this.credentials.lastRefresh().toString());
		}
		builder.withDetail("mints", this.credentials.mintCount());
		if (lastError != null) {
			builder.withDetail("lastError", this.credentials.describe(lastError));
		}
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		if (pool != null) {
			builder.withDetail("pool",
					java.util.Map.of("active", pool.getActiveConnections(), "idle", pool.getIdleConnections(),
							"waiting", pool.getThreadsAwaitingConnection(), "total", pool.getTotalConnections()));
		}
		LakebaseLoginDataSource connect = (this.dataSource.getDataSource() instanceof LakebaseLoginDataSource lakebase)
				? lakebase : null;
		SQLException authFailure = (connect != null) ? connect.lastAuthFailure() : null;
		SQLException credentialFailure = (connect != null) ? connect.lastCredentialFailure() : null;
		if (authFailure != null) {
			builder.down().withDetail("lastLoginFailure", authFailure.getSQLState() + " " + authFailure.getMessage());
		}
		else if (!valid && (lastError != null || credentialFailure != null)) {
			// No credential: down until one is had again, which a background mint
			// tries once the workspace's back-off allows, with no login needed
			this.credentials.retryInBackground();
			builder.down();
			if (lastError == null && credentialFailure != null) {
				builder.withDetail("lastLoginFailure",
						credentialFailure.getSQLState() + " " + credentialFailure.getMessage());
			}
		}
		else {
			builder.up();
		}
	}

	private void addComputeState(Health.Builder builder) {
		ComputeStateCache.Reading reading = this.computeState.get();
		if (reading == null) {
			builder.withDetail("computeState", "UNKNOWN");
			return;
		}
		builder.withDetail("computeState", (reading.state() != null) ? reading.state() : "UNKNOWN")
			.withDetail("computeStateReadAt", reading.readAt().toString());
		if (reading.error() != null) {
			builder.withDetail("computeStateError", reading.error());
		}
	}

	/**
	 * Where a Lakebase pool connects, as its health reports it.
	 *
	 * @param target what the credentials are minted for, such as
	 * {@code endpoint projects/p/branches/b/endpoints/e}
	 * @param host the host the pool connects to
	 * @param hasCompute whether the workspace reports a compute state for the target (not
	 * with a native Postgres password)
	 * @param directHost the endpoint's direct host when {@code host} is its connection
	 * pooler, else {@code null}
	 * @since 0.1.0
	 */
	public record Connection(String target, String host, boolean hasCompute, @Nullable String directHost) {

		/**
		 * Create the connection of a pool that connects to its host directly.
		 * @param target what the credentials are minted for
		 * @param host the host the pool connects to
		 * @param hasCompute whether the workspace reports a compute state for the target
		 */
		public Connection(String target, String host, boolean hasCompute) {
			this(target, host, hasCompute, null);
		}

	}

}
