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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Details of the Lakebase endpoint a Spring Boot application connects to: where it is,
 * and what its credentials are minted for. By default the starter works them out from
 * {@code lakebase.*} properties, the {@code PG*} variables Databricks Apps inject, and
 * the workspace; a bean of this type supplies them instead, and is used as is (no
 * workspace lookup of the host or the endpoint). The credentials are minted through the
 * Databricks SDK for the {@link #getEndpoint() endpoint} or the {@link #getInstanceName()
 * instance}, with the application's {@code WorkspaceClient} bean or else the workspace
 * settings ({@code lakebase.databricks.*}, {@code DATABRICKS_*}); a {@link #getPassword()
 * password} is a native Postgres password, used as is with no workspace call.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface LakebaseConnectionDetails extends JdbcConnectionDetails {

	/**
	 * Return the host the DataSource connects to.
	 * @return the host
	 */
	String getHost();

	/**
	 * Return the port.
	 * @return the port, 5432 by default
	 */
	default int getPort() {
		return ConnectionResolver.DEFAULT_PORT;
	}

	/**
	 * Return the database.
	 * @return the database, {@code databricks_postgres} by default
	 */
	default String getDatabase() {
		return ConnectionResolver.DEFAULT_DATABASE;
	}

	/**
	 * Return the resource path of the Autoscaling endpoint credentials are minted for,
	 * {@code projects/{project}/branches/{branch}/endpoints/{endpoint}}.
	 * @return the endpoint path, or {@code null} for a Provisioned instance or a native
	 * password
	 */
	default @Nullable String getEndpoint() {
		return null;
	}

	/**
	 * Return the name of the Provisioned instance credentials are minted for.
	 * @return the instance name, or {@code null} for an Autoscaling endpoint or a native
	 * password
	 */
	default @Nullable String getInstanceName() {
		return null;
	}

	/**
	 * Return the native Postgres password, used as is instead of minted credentials.
	 * @return the password, or {@code null} for credentials minted through the workspace
	 */
	@Override
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * Return the pgjdbc SSL mode; an {@code sslmode} among
	 * {@code spring.datasource.hikari.data-source-properties} wins.
	 * @return the SSL mode, {@code require} by default
	 */
	default String getSslMode() {
		return "require";
	}

	/**
	 * Return the PEM file of root certificates that {@code verify-ca} and
	 * {@code verify-full} check the server against.
	 * @return the path, or {@code null} for the JVM's trust store
	 */
	default @Nullable String getSslRootCert() {
		return null;
	}

	/**
	 * Return the application name reported to Postgres.
	 * @return the application name, or {@code null}
	 */
	default @Nullable String getApplicationName() {
		return null;
	}

	/**
	 * Return the endpoint's direct host when {@link #getHost()} is its connection pooler:
	 * schema migrations and other session-bound work connect there.
	 * @return the direct host, or {@code null} when {@link #getHost()} is direct
	 * @since 0.1.0
	 */
	default @Nullable String getDirectHost() {
		return null;
	}

	/**
	 * Return the endpoint path or instance name credentials are minted for, or
	 * {@code null} with a native password.
	 * @return the endpoint path or instance name
	 */
	default @Nullable String getCredentialTarget() {
		if (getPassword() != null) {
			return null;
		}
		return (getEndpoint() != null) ? getEndpoint() : getInstanceName();
	}

	@Override
	default String getJdbcUrl() {
		return ResolvedConnection.of(this).jdbcUrl();
	}

	@Override
	default String getDriverClassName() {
		return "org.postgresql.Driver";
	}

}
