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

import java.util.Objects;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointHosts;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.autoconfigure.ResolvedConnection.Target;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Works out the {@link ResolvedConnection}: per value, a {@code lakebase.*} property wins
 * over the variable Databricks Apps inject, which wins over what the workspace reports.
 * Validates every value before anything connects.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ConnectionResolver {

	static final String DEFAULT_DATABASE = "databricks_postgres";

	static final int DEFAULT_PORT = 5432;

	private static final Log logger = LogFactory.getLog(ConnectionResolver.class);

	private final Settings settings;

	private final Environment environment;

	private final WorkspaceLookups lookups;

	ConnectionResolver(Settings settings, Environment environment, Supplier<WorkspaceClient> workspace) {
		this.settings = settings;
		this.environment = environment;
		this.lookups = new WorkspaceLookups(workspace);
	}

	ResolvedConnection resolve() {
		ConnectionValue hostValue = value(this.settings.host(), "lakebase.host", "PGHOST");
		ConnectionValue endpointValue = value(this.settings.endpoint(), "lakebase.endpoint", "LAKEBASE_ENDPOINT");
		ConnectionValue instanceValue = ConnectionValue.of(this.settings.instanceName(), "lakebase.instance-name",
				this.environment, "LAKEBASE_INSTANCE_NAME");
		ConnectionValue passwordValue = value(this.settings.password(), "lakebase.password", "PGPASSWORD");
		ConnectionValue userValue = value(this.settings.username(), "lakebase.username", "PGUSER");
		String host = ConnectionValidation.host(hostValue);
		String endpoint = ConnectionValidation.endpointPath(endpointValue);
		String instance = ConnectionValidation.resourceId(instanceValue, "a Provisioned instance name");
		EndpointParts parts = EndpointParts.of(this.settings);
		int port = ConnectionValidation.port(value(stringOrNull(this.settings.port()), "lakebase.port", "PGPORT"));
		String database = value(this.settings.database(), "lakebase.database", "PGDATABASE").orElse(DEFAULT_DATABASE);
		String applicationName = value(this.settings.applicationName(), "lakebase.application-name", "PGAPPNAME")
			.value();
		if (endpoint != null && instance != null) {
			throw bothTargets(endpointValue.source(), instanceValue.source());
		}
		if (parts.isPresent() && !passwordValue.isPresent()) {
			if (instance != null) {
				throw bothTargets(parts.source(), instanceValue.source());
			}
			if (endpoint != null && endpointValue.source().equals("lakebase.endpoint")) {
				parts.requireConsistentWith(endpoint);
			}
			else {
				EndpointDiscovery discovery = new EndpointDiscovery(this.lookups.client());
				// The injected endpoint gives the default project; when the
				// project is set, listing every endpoint to find the one PGHOST
				// belongs to is not worth it.
				String injected = (endpoint != null) ? endpoint : (host != null && !parts.hasProject())
						? discovery.findByHost(host, hostValue.source()).getName() : null;
				String chosen = parts.endpointPath(injected, discovery);
				if (!chosen.equals(injected) && hostValue.source().equals("PGHOST")) {
					logger.info("Lakebase targets " + chosen + " (" + parts.source() + "), not the endpoint of PGHOST "
							+ host + ", so the host is looked up");
					host = null;
				}
				endpoint = chosen;
			}
		}
		Target target;
		Endpoint reported = null;
		String password = passwordValue.value();
		if (password != null) {
			target = Target.nativePassword(password);
			if (host == null || !userValue.isPresent()) {
				throw new LakebaseConfigurationException(
						"Lakebase native password login (" + passwordValue.source() + ") needs a host and a user name.",
						"Set " + hostValue.source() + " and " + userValue.source() + ".");
			}
		}
		else if (endpoint != null) {
			Endpoint found = (host != null) ? null : this.lookups.endpoint(endpoint);
			target = (found != null) ? Target.endpoint(endpoint, found) : Target.endpoint(endpoint);
			host = (found != null) ? WorkspaceLookups.endpointHost(endpoint, found) : host;
			reported = found;
		}
		else if (instance != null) {
			target = Target.instance(instance);
			host = (host != null) ? host : this.lookups.instanceHost(instance);
		}
		else if (host != null) {
			Endpoint found = new EndpointDiscovery(this.lookups.client()).findByHost(host, hostValue.source());
			target = Target.endpoint(found.getName(), found);
			reported = found;
		}
		else {
			throw new LakebaseConfigurationException("No Lakebase connection is configured.",
					"On Databricks Apps, add a database resource to the app (it injects PGHOST and PGUSER). Locally, set LAKEBASE_ENDPOINT or "
							+ "lakebase.endpoint to the endpoint path (projects/{project}/branches/{branch}/endpoints/{endpoint}), "
							+ "or PGHOST, for example in a .env file; or set lakebase.enabled=false to turn the Lakebase DataSource off.");
		}
		String user = userValue.value();
		String username = (user != null) ? user : currentUserName();
		// Every branch above either found a host or failed
		String resolvedHost = Objects.requireNonNull(host, "host");
		String sslMode = ConnectionValidation.sslMode(value(this.settings.sslMode(), "lakebase.ssl-mode", "PGSSLMODE"),
				resolvedHost);
		String sslRootCert = ConnectionValidation
			.file(value(this.settings.sslRootCert(), "lakebase.ssl-root-cert", "PGSSLROOTCERT"));
		ResolvedConnection connection = new ResolvedConnection(resolvedHost, port, database, username, sslMode,
				sslRootCert, applicationName, target);
		if (this.settings.pooler()) {
			connection = throughPooler(connection, reported);
		}
		logger.info("Lakebase DataSource connects to " + connection);
		return connection;
	}

	private ResolvedConnection throughPooler(ResolvedConnection direct, @Nullable Endpoint reported) {
		Target target = direct.target();
		if (target.kind() != ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			throw new LakebaseConfigurationException(
					"lakebase.pooler.enabled is true, but Lakebase connects to " + target.describe()
							+ ", which has no connection pooler the starter can look up.",
					"Connect to an Autoscaling endpoint (LAKEBASE_ENDPOINT, lakebase.endpoint or the PGHOST of one), "
							+ "or set lakebase.pooler.enabled=false.");
		}
		Endpoint endpoint = (reported != null) ? reported : this.lookups.endpoint(target.resource());
		String pooled = (endpoint.getStatus() != null && endpoint.getStatus().getHosts() != null)
				? endpoint.getStatus().getHosts().getReadWritePooledHost() : null;
		if (pooled == null || pooled.isBlank()) {
			throw new LakebaseConfigurationException(
					"lakebase.pooler.enabled is true, but the endpoint " + target.resource()
							+ " reports no pooled host (status.hosts.read_write_pooled_host).",
					"Use an endpoint that has the connection pooler, or set lakebase.pooler.enabled=false.");
		}
		return direct.throughPooler(pooled);
	}

	/**
	 * Work out the connection to the read-only endpoint: same database, user and settings
	 * as the read-write one, another host, and credentials for the read-only endpoint (or
	 * for the read-write endpoint when only a host of it is configured).
	 * @param primary the read-write connection
	 * @return the read-only connection
	 */
	ResolvedConnection resolveReadOnly(ResolvedConnection primary) {
		ConnectionValue endpointValue = ConnectionValue.ofProperty(this.settings.readOnlyEndpoint(),
				"lakebase.read-only.endpoint");
		ConnectionValue hostValue = ConnectionValue.ofProperty(this.settings.readOnlyHost(), "lakebase.read-only.host");
		String endpoint = ConnectionValidation.endpointPath(endpointValue);
		String host = ConnectionValidation.host(hostValue);
		if (endpoint == null && host == null) {
			if (this.settings.readOnlySecondaries()) {
				return readableSecondaries(primary);
			}
			throw new LakebaseConfigurationException("No read-only endpoint is configured.",
					"Set lakebase.read-only.endpoint or lakebase.read-only.host, or lakebase.read-only.secondaries=true.");
		}
		if (this.settings.readOnlySecondaries()) {
			logger.info("Read-only transactions go to " + ((endpoint != null) ? endpoint : host) + " ("
					+ ((endpoint != null) ? "lakebase.read-only.endpoint" : "lakebase.read-only.host")
					+ "), not to the readable secondaries: the explicit setting wins");
		}
		Target target;
		if (primary.target().kind() == ResolvedConnection.Kind.NATIVE_PASSWORD) {
			target = primary.target();
			if (host == null) {
				String path = Objects.requireNonNull(endpoint);
				host = WorkspaceLookups.endpointHost(path, this.lookups.endpoint(path));
			}
		}
		else if (endpoint != null) {
			Endpoint found = (host != null) ? null : this.lookups.endpoint(endpoint);
			target = (found != null) ? Target.endpoint(endpoint, found) : Target.endpoint(endpoint);
			host = (found != null) ? WorkspaceLookups.endpointHost(endpoint, found) : host;
		}
		else {
			// Neither is null: with no endpoint, the host is set
			target = readOnlyTarget(Objects.requireNonNull(host), primary.target());
		}
		ResolvedConnection connection = onHost(primary, Objects.requireNonNull(host, "host"), target);
		logger.info("Lakebase read-only DataSource connects to " + connection);
		return connection;
	}

	/**
	 * Work out the connection to the readable secondaries of the primary's endpoint: its
	 * {@code read_only_host}, or {@code read_only_pooled_host} when the primary goes
	 * through the pooler, with the primary's credentials.
	 */
	private ResolvedConnection readableSecondaries(ResolvedConnection primary) {
		Target target = primary.target();
		if (target.kind() != ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			throw new LakebaseConfigurationException(
					"lakebase.read-only.secondaries is true, but Lakebase connects to " + target.describe()
							+ ", whose readable secondaries the starter cannot look up.",
					"Connect to an Autoscaling endpoint, or set lakebase.read-only.host.");
		}
		Endpoint endpoint = this.lookups.endpoint(target.resource());
		EndpointHosts hosts = (endpoint.getStatus() != null) ? endpoint.getStatus().getHosts() : null;
		String direct = (hosts != null) ? hosts.getReadOnlyHost() : null;
		if (direct == null || direct.isBlank()) {
			throw new LakebaseConfigurationException(
					"lakebase.read-only.secondaries is true, but the endpoint " + target.resource()
							+ " reports no readable secondaries (status.hosts.read_only_host).",
					"Add readable secondaries to the endpoint's high-availability group, or set "
							+ "lakebase.read-only.endpoint or lakebase.read-only.host.");
		}
		ResolvedConnection connection = onHost(primary, direct, target);
		String pooled = (hosts != null) ? hosts.getReadOnlyPooledHost() : null;
		if (primary.pooled() && pooled != null && !pooled.isBlank()) {
			connection = connection.throughPooler(pooled);
		}
		logger.info("Lakebase read-only DataSource connects to the readable secondaries of " + target.resource() + ": "
				+ connection);
		return connection;
	}

	/**
	 * The primary's connection on another host: same database, user and settings, the SSL
	 * mode checked for that host.
	 */
	private static ResolvedConnection onHost(ResolvedConnection primary, String host, Target target) {
		String sslMode = ConnectionValidation.sslMode(new ConnectionValue(primary.sslMode(), "lakebase.ssl-mode"),
				host);
		return new ResolvedConnection(host, primary.port(), primary.database(), primary.username(), sslMode,
				primary.sslRootCert(), primary.applicationName(), target);
	}

	private Target readOnlyTarget(String host, Target primary) {
		if (primary.kind() == ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) {
			try {
				Endpoint found = new EndpointDiscovery(this.lookups.client()).findByHost(host,
						"lakebase.read-only.host");
				return Target.endpoint(found.getName(), found);
			}
			catch (LakebaseConfigurationException ex) {
				logger.info("No Lakebase endpoint has the host " + host + " as its own; read-only credentials are "
						+ "minted for " + primary.describe());
			}
		}
		return primary;
	}

	private static LakebaseConfigurationException bothTargets(String autoscalingSource, String instanceSource) {
		return new LakebaseConfigurationException(
				"Lakebase is configured with both an Autoscaling endpoint (" + autoscalingSource
						+ ") and a Provisioned instance (" + instanceSource + ").",
				"Keep one of them: " + autoscalingSource + " for Autoscaling, " + instanceSource + " for Provisioned.");
	}

	private ConnectionValue value(@Nullable String propertyValue, String property, String variable) {
		return ConnectionValue.of(propertyValue, property, this.environment, variable);
	}

	private static @Nullable String stringOrNull(@Nullable Integer value) {
		return (value != null) ? value.toString() : null;
	}

	private String currentUserName() {
		String name = this.lookups.currentUserName();
		logger.info("Lakebase user name not configured; using the workspace identity " + name);
		return name;
	}

	/**
	 * The connection values as configured ({@code lakebase.*}), each {@code null} when
	 * unset: the resolver falls back to the variables Databricks Apps inject, then to the
	 * workspace.
	 *
	 * @param host the host
	 * @param port the port
	 * @param database the database
	 * @param username the Postgres user name
	 * @param password a native Postgres password
	 * @param sslMode the SSL mode
	 * @param sslRootCert the PEM file of root certificates
	 * @param applicationName the application name
	 * @param endpoint an Autoscaling endpoint's resource path
	 * @param instanceName a Provisioned instance's name
	 * @param project the project of the endpoint, by parts
	 * @param branch the branch of the endpoint, by parts
	 * @param endpointId the endpoint id, by parts
	 * @param readOnlyEndpoint a read-only endpoint's resource path
	 * @param readOnlyHost a read-only endpoint's host
	 * @param readOnlySecondaries whether read-only transactions go to the readable
	 * secondaries of the endpoint's high-availability group
	 * @param pooler whether to connect through the endpoint's connection pooler
	 */
	record Settings(@Nullable String host, @Nullable Integer port, @Nullable String database, @Nullable String username,
			@Nullable String password, @Nullable String sslMode, @Nullable String sslRootCert,
			@Nullable String applicationName, @Nullable String endpoint, @Nullable String instanceName,
			@Nullable String project, @Nullable String branch, @Nullable String endpointId,
			@Nullable String readOnlyEndpoint, @Nullable String readOnlyHost, boolean readOnlySecondaries,
			boolean pooler) {

	}

}
