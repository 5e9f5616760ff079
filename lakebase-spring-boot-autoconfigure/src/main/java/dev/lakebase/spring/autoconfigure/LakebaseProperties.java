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

import java.time.Duration;

import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.WakeRetry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.core.env.Environment;

/**
 * Configuration properties for the Lakebase DataSource. Every connection value that is
 * not set here is read from the environment that Databricks Apps inject ({@code PGHOST},
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGSSLMODE},
 * {@code PGAPPNAME}, {@code LAKEBASE_ENDPOINT}, {@code PGPASSWORD}).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("lakebase")
public class LakebaseProperties {

	/**
	 * Whether to auto-configure a Lakebase DataSource.
	 */
	private boolean enabled = true;

	/**
	 * Host name of the Lakebase endpoint. Falls back to PGHOST, then to the endpoint's or
	 * instance's host as the workspace reports it.
	 */
	private @Nullable String host;

	/**
	 * Port of the Lakebase endpoint. Falls back to PGPORT, then to 5432.
	 */
	private @Nullable Integer port;

	/**
	 * Database name. Falls back to PGDATABASE, then to 'databricks_postgres'.
	 */
	private @Nullable String database;

	/**
	 * Postgres user name: a service principal's client id or a user's e-mail address.
	 * Falls back to PGUSER, then to the workspace identity's own name.
	 */
	private @Nullable String username;

	/**
	 * SSL mode: disable, allow, prefer, require, verify-ca or verify-full. Falls back to
	 * PGSSLMODE, then to 'require'; an sslmode among
	 * spring.datasource.hikari.data-source-properties wins over both. A mode weaker than
	 * 'require' fails at startup unless the host is a loopback address.
	 */
	private @Nullable String sslMode;

	/**
	 * Path of a PEM file of the root certificates that verify-ca and verify-full check
	 * the server against. Falls back to PGSSLROOTCERT; without either, the JVM's trust
	 * store.
	 */
	private @Nullable String sslRootCert;

	/**
	 * Application name reported to Postgres. Falls back to PGAPPNAME.
	 */
	private @Nullable String applicationName;

	/**
	 * Resource path of an Autoscaling endpoint,
	 * 'projects/{project}/branches/{branch}/endpoints/{endpoint}'. Falls back to
	 * LAKEBASE_ENDPOINT, then to the endpoint whose host matches the configured host.
	 */
	private @Nullable String endpoint;

	/**
	 * Project id of an Autoscaling endpoint to target by parts, with branch and
	 * endpoint-id. Defaults to the project of LAKEBASE_ENDPOINT or of the endpoint whose
	 * host matches the configured host. An explicit lakebase.endpoint wins; a part that
	 * contradicts it fails.
	 */
	private @Nullable String project;

	/**
	 * Branch id of the endpoint to target, for example a feature branch ('production'
	 * when only project or endpoint-id is set).
	 */
	private @Nullable String branch;

	/**
	 * Endpoint id on the branch. Defaults to the branch's single read-write endpoint,
	 * found by listing the branch's endpoints.
	 */
	private @Nullable String endpointId;

	/**
	 * Name of a Provisioned database instance, for credentials minted through the
	 * Database Instances API.
	 */
	private @Nullable String instanceName;

	/**
	 * Native Postgres password. When set (or PGPASSWORD is), it is used as is and no
	 * OAuth credential is minted. Falls back to PGPASSWORD.
	 */
	private @Nullable String password;

	private final Databricks databricks = new Databricks();

	private final Credentials credentials = new Credentials();

	private final Wake wake = new Wake();

	private final Pool pool = new Pool();

	private final Health health = new Health();

	private final Dotenv dotenv = new Dotenv();

	private final ReadOnly readOnly = new ReadOnly();

	private final Users users = new Users();

	private final Pooler pooler = new Pooler();

	private final Budget budget = new Budget();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable String database) {
		this.database = database;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getSslMode() {
		return this.sslMode;
	}

	public void setSslMode(@Nullable String sslMode) {
		this.sslMode = sslMode;
	}

	public @Nullable String getSslRootCert() {
		return this.sslRootCert;
	}

	public void setSslRootCert(@Nullable String sslRootCert) {
		this.sslRootCert = sslRootCert;
	}

	public @Nullable String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public @Nullable String getBranch() {
		return this.branch;
	}

	public void setBranch(@Nullable String branch) {
		this.branch = branch;
	}

	public @Nullable String getEndpointId() {
		return this.endpointId;
	}

	public void setEndpointId(@Nullable String endpointId) {
		this.endpointId = endpointId;
	}

	public @Nullable String getInstanceName() {
		return this.instanceName;
	}

	public void setInstanceName(@Nullable String instanceName) {
		this.instanceName = instanceName;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Databricks getDatabricks() {
		return this.databricks;
	}

	public Credentials getCredentials() {
		return this.credentials;
	}

	public Wake getWake() {
		return this.wake;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Health getHealth() {
		return this.health;
	}

	public Dotenv getDotenv() {
		return this.dotenv;
	}

	public Users getUsers() {
		return this.users;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public Pooler getPooler() {
		return this.pooler;
	}

	public ReadOnly getReadOnly() {
		return this.readOnly;
	}

	/**
	 * Workspace authentication, handed to the Databricks SDK's unified authentication.
	 * Unset values fall back to the SDK's own environment variables
	 * ({@code DATABRICKS_HOST}, {@code DATABRICKS_CLIENT_ID},
	 * {@code DATABRICKS_CLIENT_SECRET}, {@code DATABRICKS_TOKEN},
	 * {@code DATABRICKS_CONFIG_PROFILE}) and to {@code ~/.databrickscfg}.
	 */
	public static class Databricks {

		/**
		 * Workspace URL. Falls back to DATABRICKS_HOST.
		 */
		private @Nullable String host;

		/**
		 * OAuth client id of a service principal. Falls back to DATABRICKS_CLIENT_ID.
		 */
		private @Nullable String clientId;

		/**
		 * OAuth client secret of a service principal. Falls back to
		 * DATABRICKS_CLIENT_SECRET.
		 */
		private @Nullable String clientSecret;

		/**
		 * Personal access token. Falls back to DATABRICKS_TOKEN.
		 */
		private @Nullable String token;

		/**
		 * Databricks CLI profile in the configuration file. Falls back to
		 * DATABRICKS_CONFIG_PROFILE.
		 */
		private @Nullable String profile;

		/**
		 * Path of the Databricks configuration file. Falls back to
		 * DATABRICKS_CONFIG_FILE, then to '~/.databrickscfg'.
		 */
		private @Nullable String configFile;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		public @Nullable String getConfigFile() {
			return this.configFile;
		}

		public void setConfigFile(@Nullable String configFile) {
			this.configFile = configFile;
		}

		/**
		 * Return the settings of the starter's SDK client: these values, else the SDK's
		 * variables as the environment holds them.
		 * @param environment the environment
		 * @return the settings
		 */
		WorkspaceClientFactory.Settings settings(Environment environment) {
			return new WorkspaceClientFactory.Settings(this.host, this.clientId, this.clientSecret, this.token,
					this.profile, this.configFile)
				.orFrom(environment);
		}

	}

	/**
	 * Refreshing of OAuth database credentials.
	 */
	public static class Credentials {

		/**
		 * How long before a credential expires a background refresh starts. The current
		 * credential is served meanwhile. For credentials that live shorter than twice
		 * this window, the refresh starts at half their lifetime.
		 */
		private Duration refreshWindow = Duration.ofMinutes(5);

		/**
		 * Lifetime to request for Autoscaling credentials, between 300s and 3600s. When
		 * not set, the service's default (one hour) applies.
		 */
		private @Nullable Duration ttl;

		/**
		 * How long a login waits for a credential when none is valid. Keep it below the
		 * pool's connection timeout so that a failure reports its cause.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Delay before the first retry of a failed refresh, doubled after each further
		 * failure.
		 */
		private Duration retryInitialDelay = Duration.ofMillis(500);

		/**
		 * Longest delay between retries of a failed refresh.
		 */
		private Duration retryMaxDelay = Duration.ofSeconds(15);

		public Duration getRefreshWindow() {
			return this.refreshWindow;
		}

		public void setRefreshWindow(Duration refreshWindow) {
			this.refreshWindow = refreshWindow;
		}

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryInitialDelay() {
			return this.retryInitialDelay;
		}

		public void setRetryInitialDelay(Duration retryInitialDelay) {
			this.retryInitialDelay = retryInitialDelay;
		}

		public Duration getRetryMaxDelay() {
			return this.retryMaxDelay;
		}

		public void setRetryMaxDelay(Duration retryMaxDelay) {
			this.retryMaxDelay = retryMaxDelay;
		}

		/**
		 * Return what the credential cache takes, once checked.
		 * @return the settings
		 * @throws LakebaseConfigurationException naming a property out of range
		 */
		public CredentialCache.Settings settings() {
			Duration ttl = this.ttl;
			if (ttl != null && (ttl.getSeconds() < 300 || ttl.getSeconds() > 3600)) {
				throw new LakebaseConfigurationException(
						"Invalid Lakebase configuration: lakebase.credentials.ttl is '" + ttl + "'.",
						"Set lakebase.credentials.ttl between 300s and 3600s, or remove it to use the service's one hour.");
			}
			return new CredentialCache.Settings(positive(this.refreshWindow, "lakebase.credentials.refresh-window"),
					positive(this.timeout, "lakebase.credentials.timeout"),
					positive(this.retryInitialDelay, "lakebase.credentials.retry-initial-delay"),
					positive(this.retryMaxDelay, "lakebase.credentials.retry-max-delay"));
		}

	}

	/**
	 * Retrying the connect while a suspended (scaled to zero) endpoint wakes.
	 */
	public static class Wake {

		/**
		 * Whether to retry connects that fail while the endpoint wakes (refused, reset,
		 * timed out, or answered 57P03).
		 */
		private boolean enabled = true;

		/**
		 * How long one connect keeps retrying while the endpoint wakes. Keep it below the
		 * pool's connection timeout so that a failure reports its cause.
		 */
		private Duration budget = Duration.ofSeconds(25);

		/**
		 * Delay before the first retry, doubled after each further failure.
		 */
		private Duration initialDelay = Duration.ofMillis(25);

		/**
		 * Longest delay between retries. Small, so that the first connect after the
		 * endpoint is ready follows it closely.
		 */
		private Duration maxDelay = Duration.ofMillis(50);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getBudget() {
			return this.budget;
		}

		public void setBudget(Duration budget) {
			this.budget = budget;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		/**
		 * Return what the wake retry takes, once checked.
		 * @return the settings
		 * @throws LakebaseConfigurationException naming a property out of range
		 */
		public WakeRetry.Settings settings() {
			Duration budget = this.budget;
			if (budget == null || budget.isZero() || budget.isNegative()) {
				throw new LakebaseConfigurationException(
						"Invalid Lakebase configuration: lakebase.wake.budget is '" + budget + "'.",
						"Set lakebase.wake.budget to a positive duration below the pool's connection timeout, for "
								+ "example 25s, or set lakebase.wake.enabled=false to connect without waiting for a wake.");
			}
			positive(this.initialDelay, "lakebase.wake.initial-delay");
			positive(this.maxDelay, "lakebase.wake.max-delay");
			if (this.maxDelay.compareTo(this.initialDelay) < 0) {
				throw new LakebaseConfigurationException(
						"Invalid Lakebase configuration: lakebase.wake.max-delay (" + this.maxDelay
								+ ") is shorter than lakebase.wake.initial-delay (" + this.initialDelay + ").",
						"Set lakebase.wake.max-delay to at least lakebase.wake.initial-delay.");
			}
			return new WakeRetry.Settings(budget, this.initialDelay, this.maxDelay);
		}

	}

	/**
	 * Pool defaults that let an idle app release the compute.
	 */
	public static class Pool {

		/**
		 * Whether to apply pool defaults that let the endpoint scale to zero: no minimum
		 * idle connections, no keepalive, and an idle timeout shorter than the endpoint's
		 * suspend timeout. Values set under spring.datasource.hikari.* always win. When
		 * false, HikariCP's always-warm defaults apply.
		 */
		private boolean scaleToZero = true;

		/**
		 * Suspend timeout assumed when the workspace does not report the endpoint's own
		 * (Provisioned instances, native passwords, or a failed lookup).
		 */
		private Duration defaultSuspendTimeout = Duration.ofMinutes(5);

		public boolean isScaleToZero() {
			return this.scaleToZero;
		}

		public void setScaleToZero(boolean scaleToZero) {
			this.scaleToZero = scaleToZero;
		}

		public Duration getDefaultSuspendTimeout() {
			return this.defaultSuspendTimeout;
		}

		public void setDefaultSuspendTimeout(Duration defaultSuspendTimeout) {
			this.defaultSuspendTimeout = defaultSuspendTimeout;
		}

	}

	/**
	 * The lakebase health indicator.
	 */
	public static class Health {

		/**
		 * How long the health indicator reuses the compute state it read from the
		 * workspace API.
		 */
		private @Nullable Duration computeStateTtl;

		/**
		 * No longer used: a health check never waits for the workspace API.
		 */
		private Duration computeStateTimeout = Duration.ofSeconds(2);

		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "management.health.lakebase.compute-state-ttl",
				reason = "Health settings live under management.health.lakebase, beside Spring Boot's own")
		public @Nullable Duration getComputeStateTtl() {
			return this.computeStateTtl;
		}

		@Deprecated(since = "0.1.0")
		public void setComputeStateTtl(@Nullable Duration computeStateTtl) {
			this.computeStateTtl = computeStateTtl;
		}

		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(
				reason = "A health check no longer waits for the workspace API: it reports the last reading of the "
						+ "compute state and reads again in the background")
		public Duration getComputeStateTimeout() {
			return this.computeStateTimeout;
		}

		@Deprecated(since = "0.1.0")
		public void setComputeStateTimeout(Duration computeStateTimeout) {
			this.computeStateTimeout = computeStateTimeout;
		}

	}

	/**
	 * The local .env file, read by an environment post-processor before the context
	 * starts.
	 */
	public static class Dotenv {

		/**
		 * Whether to load the .env file, below environment variables and application
		 * properties. Never loaded on Databricks Apps (DATABRICKS_APP_NAME set).
		 */
		private boolean enabled = true;

		/**
		 * Path of the .env file, relative to the working directory.
		 */
		private String path = ".env";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * The connection budget checked at startup: the pools of every instance of the app
	 * against the connections the endpoint's compute allows at its maximum size.
	 */
	public static class Budget {

		/**
		 * Instances of the app that connect to the endpoint at most. When not set, the
		 * app's compute_max_instances on Databricks Apps (if the app's identity may read
		 * the app), else 1.
		 */
		private @Nullable Integer instances;

		/**
		 * Connections kept free of the app's pools for migrations, administration and
		 * other clients.
		 */
		private int headroom = 10;

		public @Nullable Integer getInstances() {
			return this.instances;
		}

		public void setInstances(@Nullable Integer instances) {
			this.instances = instances;
		}

		public int getHeadroom() {
			return this.headroom;
		}

		public void setHeadroom(int headroom) {
			this.headroom = headroom;
		}

		/**
		 * Check the settings.
		 * @throws LakebaseConfigurationException naming a value out of range
		 */
		void check() {
			if (this.instances != null) {
				atLeast(this.instances, 1, "lakebase.budget.instances");
			}
			atLeast(this.headroom, 0, "lakebase.budget.headroom");
		}

	}

	/**
	 * The endpoint's connection pooler (PgBouncer in transaction mode).
	 */
	public static class Pooler {

		/**
		 * Whether the DataSource connects to the endpoint's pooled host
		 * (status.hosts.read_write_pooled_host), with pgjdbc set for transaction pooling
		 * (prepareThreshold=0). Schema migrations (Flyway, Liquibase, spring.sql.init)
		 * connect to the direct host.
		 */
		private boolean enabled;

		/**
		 * Connections to the direct host at most, for schema migrations and the
		 * application's session-bound work (LakebaseDirectHost).
		 */
		private int directMaxPoolSize = 2;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getDirectMaxPoolSize() {
			return this.directMaxPoolSize;
		}

		public void setDirectMaxPoolSize(int directMaxPoolSize) {
			this.directMaxPoolSize = directMaxPoolSize;
		}

		/**
		 * Check the settings.
		 * @throws LakebaseConfigurationException naming a value out of range
		 */
		void check() {
			atLeast(this.directMaxPoolSize, 1, "lakebase.pooler.direct-max-pool-size");
		}

	}

	/**
	 * Where transactions marked read-only go: a read-only endpoint, or the readable
	 * secondaries of the endpoint's high-availability group. Off unless an endpoint or a
	 * host is set, or secondaries is true.
	 */
	public static class ReadOnly {

		/**
		 * Resource path of a read-only Autoscaling endpoint,
		 * 'projects/{project}/branches/{branch}/endpoints/{endpoint}'. Credentials are
		 * minted for it and its host is looked up unless read-only.host is set.
		 */
		private @Nullable String endpoint;

		/**
		 * Host of the read-only endpoint, for example the endpoint's
		 * status.hosts.read_only_host. Without read-only.endpoint, credentials are minted
		 * for the endpoint whose host this is, or else for the read-write endpoint.
		 */
		private @Nullable String host;

		/**
		 * Whether read-only transactions go to the readable secondaries of the endpoint's
		 * high-availability group (status.hosts.read_only_host, or read_only_pooled_host
		 * through the pooler). read-only.endpoint or read-only.host, when set, win.
		 */
		private boolean secondaries;

		public boolean isSecondaries() {
			return this.secondaries;
		}

		public void setSecondaries(boolean secondaries) {
			this.secondaries = secondaries;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

	}

	/**
	 * Return the connection values as configured, for the connection resolver.
	 * @return the values
	 */
	ConnectionResolver.Settings connectionSettings() {
		return new ConnectionResolver.Settings(this.host, this.port, this.database, this.username, this.password,
				this.sslMode, this.sslRootCert, this.applicationName, this.endpoint, this.instanceName, this.project,
				this.branch, this.endpointId, this.readOnly.getEndpoint(), this.readOnly.getHost(),
				this.readOnly.isSecondaries(), this.pooler.isEnabled());
	}

	private static void atLeast(int value, int minimum, String property) {
		if (value < minimum) {
			throw new LakebaseConfigurationException(
					"Invalid Lakebase configuration: " + property + " is '" + value + "'.",
					"Set " + property + " to " + minimum + " or more.");
		}
	}

	private static Duration positive(@Nullable Duration duration, String property) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new LakebaseConfigurationException(
					"Invalid Lakebase configuration: " + property + " is '" + duration + "'.",
					"Set " + property + " to a positive duration, for example 30s.");
		}
		return duration;
	}

	/**
	 * Connections on behalf of the app's signed-in users (Databricks Apps user
	 * authorization with the postgres scope): methods annotated with @AsUser run as the
	 * requesting user's own Postgres role.
	 */
	public static class Users {

		/**
		 * Whether @AsUser methods and LakebaseUsers run database work as the requesting
		 * user. Off by default: it needs user authorization with the postgres scope.
		 */
		private boolean enabled;

		/**
		 * Connections of one user's pool at most.
		 */
		private int maxPoolSize = 3;

		/**
		 * How long a user's connection stays idle before it is closed. Together with
		 * HikariCP's housekeeping (every 30s), this is how soon an idle user's pool holds
		 * no connection.
		 */
		private Duration idleTimeout = Duration.ofSeconds(30);

		/**
		 * User pools at most. A new user's pool closes the least recently used idle one
		 * when the cap is reached; when every pool is busy, the request is answered 503
		 * with Retry-After.
		 */
		private int maxPools = 50;

		/**
		 * Credential mints with users' tokens at once at most (the workspace
		 * rate-limits); a request that waits longer than lakebase.credentials.timeout is
		 * answered 503 with Retry-After.
		 */
		private int maxConcurrentMints = 4;

		/**
		 * Locally, run @AsUser work as the developer (the workspace identity of
		 * lakebase.databricks.* or the Databricks CLI) when a request has no forwarded
		 * token. Ignored on Databricks Apps.
		 */
		private boolean developerAsUser;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(int maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxPools() {
			return this.maxPools;
		}

		public void setMaxPools(int maxPools) {
			this.maxPools = maxPools;
		}

		public int getMaxConcurrentMints() {
			return this.maxConcurrentMints;
		}

		public void setMaxConcurrentMints(int maxConcurrentMints) {
			this.maxConcurrentMints = maxConcurrentMints;
		}

		public boolean isDeveloperAsUser() {
			return this.developerAsUser;
		}

		public void setDeveloperAsUser(boolean developerAsUser) {
			this.developerAsUser = developerAsUser;
		}

		/**
		 * Check the settings.
		 * @throws LakebaseConfigurationException naming a value out of range
		 */
		void check() {
			atLeast(this.maxPoolSize, 1, "lakebase.users.max-pool-size");
			atLeast(this.maxPools, 1, "lakebase.users.max-pools");
			atLeast(this.maxConcurrentMints, 1, "lakebase.users.max-concurrent-mints");
			if (this.idleTimeout == null || this.idleTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
				throw new LakebaseConfigurationException(
						"Invalid Lakebase configuration: lakebase.users.idle-timeout is '" + this.idleTimeout + "'.",
						"Set lakebase.users.idle-timeout to at least 10s, HikariCP's shortest idle timeout.");
			}
		}

	}

}
