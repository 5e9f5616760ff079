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

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.WakeRetry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports why the application could not start on Lakebase, and how to fix it: a
 * {@link LakebaseConfigurationException} (no connection configured, bad values, no
 * workspace authentication, a credential API that refused), or what Lakebase answered to
 * a connect or a statement during startup (a refused login, a schema owned by another
 * identity, too many connections, SSL required, an unknown host, an endpoint that did not
 * wake within the budget). What Lakebase answered is reported only when the application
 * has the Lakebase DataSource, and an unknown host only when it is the Lakebase host: a
 * failure of another DataSource gets Boot's own report.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final Pattern FAILED_USER = Pattern.compile("password authentication failed for user \"([^\"]*)\"");

	private static final Pattern SCHEMA = Pattern.compile("permission denied for schema (\\S+)");

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final Environment environment;

	private final BeanFactory beanFactory;

	/**
	 * Creates the analyzer as Boot's {@code FailureAnalyzers} do.
	 * @param environment the application's environment
	 * @param beanFactory the failed context's bean factory, {@code null} when it failed
	 * before there was one
	 */
	LakebaseFailureAnalyzer(Environment environment, BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		LakebaseConfigurationException configuration = find(failure, LakebaseConfigurationException.class);
		if (configuration != null) {
			return new FailureAnalysis(configuration.getMessage(), configuration.getAction(), failure);
		}
		WakeRetry.WakeTimeoutException wakeTimeout = find(failure, WakeRetry.WakeTimeoutException.class);
		if (wakeTimeout != null) {
			return wakeTimeout(wakeTimeout, failure);
		}
		if (!hasLakebaseDataSource()) {
			return null;
		}
		UnknownHostException unknownHost = find(failure, UnknownHostException.class);
		if (unknownHost != null) {
			String host = hostOf(unknownHost);
			return isLakebaseHost(host, failure) ? unknownHost(host, failure) : null;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				FailureAnalysis analysis = analyze(sql, failure);
				if (analysis != null) {
					return analysis;
				}
			}
		}
		return null;
	}

	private @Nullable FailureAnalysis analyze(SQLException ex, Throwable failure) {
		String state = ex.getSQLState();
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		if (state.equals("28P01")) {
			return loginRefused(message, failure);
		}
		if (state.startsWith("28") && isSslRequired(message)) {
			return sslRequired(message, failure);
		}
		if (state.equals("42501") && SCHEMA.matcher(message).find()) {
			return schemaPermission(message, failure);
		}
		if (state.equals("53300")) {
			return tooManyConnections(message, failure);
		}
		return null;
	}

	private FailureAnalysis loginRefused(String message, Throwable failure) {
		Matcher user = FAILED_USER.matcher(message);
		String name = user.find() ? user.group(1) : value("lakebase.username", "PGUSER");
		if (hasNativePassword()) {
			return new FailureAnalysis("Lakebase refused the password of Postgres role '" + name + "': " + message,
					"Check the native password (lakebase.password or PGPASSWORD) and the role name (lakebase.username or "
							+ "PGUSER). To log in with a Databricks identity instead, remove the password.",
					failure);
		}
		if (name != null && UUID.matcher(name).matches()) {
			return new FailureAnalysis("Lakebase refused the login of service principal " + name
					+ " with a freshly minted OAuth credential: " + message
					+ ". The credential is valid, so there is most likely no Postgres role for this service principal: "
					+ "the app has no Lakebase database resource.",
					"Add the Lakebase database as a resource of the Databricks App (permission 'Can connect and create') "
							+ "and redeploy: that creates the app's Postgres role. Outside Databricks Apps, have the "
							+ "database owner run CREATE EXTENSION IF NOT EXISTS databricks_auth; SELECT "
							+ "databricks_create_role('" + name
							+ "', 'SERVICE_PRINCIPAL'); then grant it the schemas it "
							+ "uses. Check that PGUSER / lakebase.username is the app's client id.",
					failure);
		}
		return new FailureAnalysis("Lakebase refused the login of user '" + name
				+ "' with a freshly minted OAuth credential: " + message
				+ ". Either the workspace identity has no Postgres role on this endpoint, the token was revoked, or the "
				+ "user name is not the identity the credential was minted for.",
				"Check that lakebase.username / PGUSER is exactly your workspace user name (leave both unset to use the "
						+ "identity of the Databricks authentication), that your login is current (databricks auth login "
						+ "for a CLI profile, a new DATABRICKS_TOKEN for a PAT), and that a Postgres role exists for it "
						+ "(Lakebase UI, Roles and databases, or databricks_create_role).",
				failure);
	}

	private FailureAnalysis sslRequired(String message, Throwable failure) {
		return new FailureAnalysis(
				"Lakebase requires an encrypted connection, and the connection was not encrypted: " + message,
				"Set PGSSLMODE or lakebase.ssl-mode to require (the default), verify-ca or verify-full; Lakebase accepts "
						+ "no unencrypted connection.",
				failure);
	}

	private FailureAnalysis schemaPermission(String message, Throwable failure) {
		Matcher schema = SCHEMA.matcher(message);
		String name = schema.find() ? schema.group(1) : "the schema";
		String user = value("lakebase.username", "PGUSER");
		return new FailureAnalysis("Lakebase denied " + ((user != null) ? "role '" + user + "'" : "the application")
				+ " access to schema " + name + ": " + message
				+ ". The schema belongs to another identity, typically because the app ran locally (as you) "
				+ "before its first deploy (as its service principal), and Postgres ownership cannot be handed over by "
				+ "ordinary roles.",
				"Deploy the app first so that its own identity creates schema " + name
						+ ", or have the schema's owner grant it: GRANT USAGE, CREATE ON SCHEMA " + name
						+ " TO \"<role>\"; plus the table privileges it needs. If the schema must be recreated, export "
						+ "its data first (pg_dump --schema=" + name + "); never drop a schema without an export.",
				failure);
	}

	private FailureAnalysis tooManyConnections(String message, Throwable failure) {
		String poolSize = this.environment.getProperty("spring.datasource.hikari.maximum-pool-size", "10");
		return new FailureAnalysis(
				"Lakebase refused a connection because the compute has no connection slot left: " + message,
				"Every replica of the app opens up to spring.datasource.hikari.maximum-pool-size connections (now "
						+ poolSize + "). Keep that times the number of replicas, plus other clients, below the "
						+ "compute's max_connections (SHOW max_connections; roughly 100 to 1000 by compute size): lower "
						+ "spring.datasource.hikari.maximum-pool-size, or give the compute more capacity.",
				failure);
	}

	private FailureAnalysis wakeTimeout(WakeRetry.WakeTimeoutException ex, Throwable failure) {
		return new FailureAnalysis(ex.getMessage(),
				"Check the endpoint's state in the Lakebase UI. A suspended compute usually wakes within seconds; if "
						+ "yours takes longer, raise lakebase.wake.budget (it should stay below "
						+ "spring.datasource.hikari.connection-timeout).",
				failure);
	}

	private FailureAnalysis unknownHost(String host, Throwable failure) {
		return new FailureAnalysis("The Lakebase host '" + host + "' does not resolve.",
				"Check PGHOST or lakebase.host (the endpoint's host, from the Lakebase UI or the endpoint's "
						+ "status.hosts.host), or leave them unset and name the endpoint with LAKEBASE_ENDPOINT or "
						+ "lakebase.endpoint so the host is looked up. Locally, check the .env file and your network "
						+ "or VPN.",
				failure);
	}

	/**
	 * Whether the Lakebase DataSource was in use: its credential cache exists. Connection
	 * details alone do not say so, as an application's own stay beside its own
	 * DataSource.
	 */
	private boolean hasLakebaseDataSource() {
		return this.beanFactory instanceof ListableBeanFactory beans
				&& beans.getBeanNamesForType(CredentialCache.class, true, false).length > 0;
	}

	/**
	 * The host an {@link UnknownHostException} names: its message up to the resolver's
	 * reason ({@code "ep-1.example.com: Name or service not known"}).
	 */
	private static String hostOf(UnknownHostException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		int reason = message.indexOf(": ");
		return ((reason > 0) ? message.substring(0, reason) : message).trim();
	}

	/**
	 * Whether the host is the configured Lakebase host or, with none configured (it is
	 * looked up from the workspace), whether a database connect failed on it: a client of
	 * another service (a cache, an HTTP API) that fails to resolve its host is not
	 * reported as Lakebase's.
	 */
	private boolean isLakebaseHost(String host, Throwable failure) {
		String configured = value("lakebase.host", "PGHOST");
		if (configured != null && !configured.isBlank()) {
			return configured.trim().equalsIgnoreCase(host);
		}
		return find(failure, SQLException.class) != null;
	}

	private static boolean isSslRequired(String message) {
		String lower = message.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("ssl") || lower.contains("insecure") || lower.contains("no encryption");
	}

	private boolean hasNativePassword() {
		return value("lakebase.password", "PGPASSWORD") != null;
	}

	private @Nullable String value(String property, String variable) {
		String value = this.environment.getProperty(property);
		return (value != null && !value.isBlank()) ? value : this.environment.getProperty(variable);
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
