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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import com.databricks.sdk.service.postgres.Endpoint;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.LakebaseTlsSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom the Lakebase DataSource connects, and how it gets its password.
 *
 * @param host the host
 * @param port the port
 * @param database the database name
 * @param username the Postgres user name
 * @param sslMode the pgjdbc SSL mode
 * @param sslRootCert the PEM file of root certificates to verify the server with, or
 * {@code null} for the JVM's trust store
 * @param applicationName the application name, or {@code null}
 * @param target what the password comes from
 * @param directHost the endpoint's direct host when {@code host} is its connection
 * pooler, else {@code null}
 * @author Lakebase Spring Boot contributors
 */
record ResolvedConnection(String host, int port, String database, String username, String sslMode,
		@Nullable String sslRootCert, @Nullable String applicationName, Target target, @Nullable String directHost) {

	ResolvedConnection(String host, int port, String database, String username, String sslMode,
			@Nullable String sslRootCert, @Nullable String applicationName, Target target) {
		this(host, port, database, username, sslMode, sslRootCert, applicationName, target, null);
	}

	/**
	 * The oldest PostgreSQL Lakebase runs. pgjdbc puts the application name into the
	 * startup packet, where Lakebase's telemetry reads it, only when it may assume a
	 * server of 9.0 or later; else it sends a {@code SET} after every login.
	 */
	static final String ASSUME_MIN_SERVER_VERSION = "16";

	private static final String JVM_TRUST_STORE_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

	/**
	 * The driver properties of a client certificate, which only the driver's own TLS
	 * factory presents.
	 */
	private static final List<String> CLIENT_CERTIFICATE = List.of("sslcert", "sslkey", "sslpassword",
			"sslpasswordcallback");

	private static final String HIKARI_SSL_MODE = "spring.datasource.hikari.data-source-properties.sslmode";

	/**
	 * What the password comes from.
	 *
	 * @param kind the kind of credential
	 * @param name the endpoint path or instance name, or {@code null} for a native
	 * password
	 * @param password the native password, or {@code null}
	 * @param suspendTimeout the endpoint's suspend timeout when the workspace reported it
	 * @param maxComputeUnits the endpoint's maximum compute size in CU when the workspace
	 * reported it while the connection was worked out, or {@code null}
	 */
	record Target(Kind kind, @Nullable String name, @Nullable String password, @Nullable Duration suspendTimeout,
			@Nullable Double maxComputeUnits) {

		/**
		 * The suspend timeout of an endpoint with {@code no_suspension}: it never scales
		 * to zero.
		 */
		static final Duration NEVER_SUSPENDS = ChronoUnit.FOREVER.getDuration();

		static Target endpoint(String path) {
			return new Target(Kind.AUTOSCALING_ENDPOINT, path, null, null, null);
		}

		/**
		 * The target of an endpoint the workspace has reported, with its suspend timeout
		 * and maximum size, so that the pool need not ask for the endpoint again.
		 * @param path the endpoint path
		 * @param reported the endpoint as the workspace reported it
		 * @return the target
		 */
		static Target endpoint(String path, Endpoint reported) {
			return new Target(Kind.AUTOSCALING_ENDPOINT, path, null, suspendTimeout(reported),
					maxComputeUnits(reported));
		}

		static Target instance(String name) {
			return new Target(Kind.PROVISIONED_INSTANCE, name, null, null, null);
		}

		static Target nativePassword(String password) {
			return new Target(Kind.NATIVE_PASSWORD, null, password, null, null);
		}

		/**
		 * Return an endpoint's maximum compute size.
		 * @param endpoint the endpoint as the workspace reported it
		 * @return the size in CU, or {@code null} when it reports none
		 */
		static @Nullable Double maxComputeUnits(Endpoint endpoint) {
			Double size = (endpoint.getSpec() != null) ? endpoint.getSpec().getAutoscalingLimitMaxCu() : null;
			if (size == null && endpoint.getStatus() != null) {
				size = endpoint.getStatus().getAutoscalingLimitMaxCu();
			}
			return size;
		}

		/**
		 * Return an endpoint's suspend timeout: {@link #NEVER_SUSPENDS} when its spec
		 * says {@code no_suspension}, else its spec's timeout, else its status's.
		 * @param endpoint the endpoint as the workspace reported it
		 * @return the suspend timeout, or {@code null} when the workspace reports none
		 */
		static @Nullable Duration suspendTimeout(Endpoint endpoint) {
			if (endpoint.getSpec() != null && Boolean.TRUE.equals(endpoint.getSpec().getNoSuspension())) {
				return NEVER_SUSPENDS;
			}
			com.google.protobuf.Duration timeout = (endpoint.getSpec() != null)
					? endpoint.getSpec().getSuspendTimeoutDuration() : null;
			if (timeout == null && endpoint.getStatus() != null) {
				timeout = endpoint.getStatus().getSuspendTimeoutDuration();
			}
			return (timeout != null) ? Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos()) : null;
		}

		/**
		 * Return the endpoint path or instance name credentials are minted for.
		 * @return the endpoint path or instance name
		 * @throws IllegalStateException with a native password
		 */
		String resource() {
			if (this.name == null) {
				throw new IllegalStateException("A native password has no endpoint or instance");
			}
			return this.name;
		}

		String describe() {
			return switch (this.kind) {
				case AUTOSCALING_ENDPOINT -> "endpoint " + this.name;
				case PROVISIONED_INSTANCE -> "instance " + this.name;
				case NATIVE_PASSWORD -> "a native Postgres password";
			};
		}

		@Override
		public String toString() {
			return "Target[" + describe() + "]";
		}

	}

	/**
	 * Kind of credential.
	 */
	enum Kind {

		AUTOSCALING_ENDPOINT, PROVISIONED_INSTANCE, NATIVE_PASSWORD

	}

	/**
	 * Return the connection of connection details: as the starter worked them out, or as
	 * a bean of the application gives them.
	 * @param details the details
	 * @return the connection
	 * @throws LakebaseConfigurationException when the details name no credential target
	 * or an SSL mode that is not valid for their host
	 */
	static ResolvedConnection of(LakebaseConnectionDetails details) {
		if (details instanceof PropertiesLakebaseConnectionDetails worked) {
			return worked.connection();
		}
		String password = details.getPassword();
		Target target;
		if (password != null) {
			target = Target.nativePassword(password);
		}
		else if (details.getEndpoint() != null) {
			target = Target.endpoint(details.getEndpoint());
		}
		else if (details.getInstanceName() != null) {
			target = Target.instance(details.getInstanceName());
		}
		else {
			throw new LakebaseConfigurationException(
					"The LakebaseConnectionDetails bean of type " + details.getClass().getName()
							+ " names no endpoint, instance or password.",
					"Return the endpoint path from getEndpoint(), the instance name from getInstanceName(), or a "
							+ "native Postgres password from getPassword().");
		}
		String username = details.getUsername();
		if (username == null || username.isBlank()) {
			throw new LakebaseConfigurationException(
					"The LakebaseConnectionDetails bean of type " + details.getClass().getName()
							+ " names no Postgres user.",
					"Return the Postgres role from getUsername(): a service principal's client id or a user's "
							+ "e-mail address.");
		}
		String sslMode = ConnectionValidation.sslMode(
				new ConnectionValue(details.getSslMode(), "LakebaseConnectionDetails.getSslMode()"), details.getHost());
		return new ResolvedConnection(details.getHost(), details.getPort(), details.getDatabase(), username, sslMode,
				details.getSslRootCert(), details.getApplicationName(), target, details.getDirectHost());
	}

	/**
	 * Return this connection through the endpoint's connection pooler: to the pooled
	 * host, with this one's host for session-bound work.
	 * @param pooledHost the pooled host
	 * @return the connection through the pooler
	 */
	ResolvedConnection throughPooler(String pooledHost) {
		return new ResolvedConnection(pooledHost, this.port, this.database, this.username, this.sslMode,
				this.sslRootCert, this.applicationName, this.target, this.host);
	}

	/**
	 * Return whether this connection goes through the endpoint's connection pooler.
	 * @return whether it is pooled
	 */
	boolean pooled() {
		return this.directHost != null;
	}

	/**
	 * Return the connection to the endpoint's direct host: this one, unless it goes
	 * through the pooler.
	 * @return the direct connection
	 */
	ResolvedConnection direct() {
		return (this.directHost != null) ? new ResolvedConnection(this.directHost, this.port, this.database,
				this.username, this.sslMode, this.sslRootCert, this.applicationName, this.target, null) : this;
	}

	/**
	 * Return the JDBC URL with the SSL mode and application name, as the connection
	 * details report it.
	 * @return the URL
	 */
	String jdbcUrl() {
		StringBuilder url = new StringBuilder(baseJdbcUrl()).append("?sslmode=").append(encode(this.sslMode));
		if (this.applicationName != null) {
			url.append("&ApplicationName=").append(encode(this.applicationName));
		}
		return url.toString();
	}

	/**
	 * Return the JDBC URL without parameters: what the Lakebase DataSource connects to,
	 * with the {@link #driverProperties(Properties) driver properties} (pgjdbc lets a URL
	 * parameter win over a property, which would silently override an {@code sslmode}
	 * that the application configured for the pool).
	 * @return the URL
	 */
	String baseJdbcUrl() {
		return "jdbc:postgresql://" + hostForUrl() + ":" + this.port + "/" + encode(this.database);
	}

	/**
	 * Return the properties the driver connects with: the SSL mode, root certificate and
	 * application name of this connection, the server version Lakebase runs (so that the
	 * application name goes in the startup packet), then the pool's own data source
	 * properties, which win. A verifying SSL mode without a root certificate validates
	 * against the JVM's trust store; a mode that encrypts without verifying uses
	 * {@link LakebaseTlsSocketFactory}, whose one TLS context every login shares, unless
	 * the pool's properties name a TLS factory or a client certificate.
	 * @param configured the pool's data source properties
	 * ({@code spring.datasource.hikari.data-source-properties})
	 * @return the properties
	 * @throws dev.lakebase.spring.LakebaseConfigurationException if the pool's SSL mode
	 * is not valid, or weaker than {@code require} for a host that is not a loopback
	 * address
	 */
	Properties driverProperties(Properties configured) {
		Properties properties = new Properties();
		properties.setProperty("sslmode", this.sslMode);
		if (this.sslRootCert != null) {
			properties.setProperty("sslrootcert", this.sslRootCert);
		}
		if (this.applicationName != null) {
			properties.setProperty("ApplicationName", this.applicationName);
		}
		properties.setProperty("assumeMinServerVersion", ASSUME_MIN_SERVER_VERSION);
		if (pooled()) {
			// A transaction-mode pooler runs each transaction in any of its sessions:
			// no named server-side prepared statement outlives its transaction
			properties.setProperty("prepareThreshold", "0");
		}
		configured.forEach((name, value) -> properties.setProperty(String.valueOf(name), String.valueOf(value)));
		String mode = properties.getProperty("sslmode");
		if (!this.sslMode.equals(mode)) {
			ConnectionValidation.sslMode(new ConnectionValue(mode, HIKARI_SSL_MODE), this.host);
		}
		if (properties.containsKey("sslfactory")) {
			return properties;
		}
		if (mode.startsWith("verify-")) {
			if (!properties.containsKey("sslrootcert")) {
				properties.setProperty("sslfactory", JVM_TRUST_STORE_FACTORY);
			}
		}
		else if (!mode.equals("disable") && CLIENT_CERTIFICATE.stream().noneMatch(properties::containsKey)) {
			properties.setProperty("sslfactory", LakebaseTlsSocketFactory.class.getName());
		}
		return properties;
	}

	private String hostForUrl() {
		return (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]" : this.host;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		return "ResolvedConnection[" + this.username + "@" + this.host + ":" + this.port + "/" + this.database
				+ ", sslmode=" + this.sslMode + ((this.sslRootCert != null) ? ", sslrootcert=" + this.sslRootCert : "")
				+ ", " + this.target.describe()
				+ ((this.directHost != null) ? ", through the pooler (direct host " + this.directHost + ")" : "") + "]";
	}

}
