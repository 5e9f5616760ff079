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
import java.util.List;
import java.util.Map;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.jspecify.annotations.Nullable;

/**
 * A local Lakebase: real PostgreSQL 17, a fake Databricks workspace that the unmodified
 * Databricks SDK for Java talks to, and in front of PostgreSQL the token check Lakebase
 * does, with scale to zero. Start one per test class (see
 * {@link LakebaseEmulatorExtension}) or from a dev-time runner:
 *
 * <pre class="code">
 * try (LakebaseEmulator lakebase = LakebaseEmulator.builder().start()) {
 *     Map&lt;String, String&gt; env = lakebase.environment(); // PGHOST, DATABRICKS_HOST, ...
 * }
 * </pre>
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseEmulator implements AutoCloseable {

	/** Address every part of the emulator listens on. */
	public static final String LOOPBACK = "127.0.0.1";

	/** Name of the database every branch serves. */
	public static final String DEFAULT_DATABASE = "databricks_postgres";

	/** Id of the default branch. */
	public static final String DEFAULT_BRANCH = "production";

	/** Id of the read-write endpoint of every branch. */
	public static final String PRIMARY_ENDPOINT = "primary";

	/** Id of the read-only endpoint, when one is configured. */
	public static final String READ_ONLY_ENDPOINT = "read-only";

	private final String appName;

	private final EmulatorDirectory directory;

	private final EmulatedWorkspace workspace = new EmulatedWorkspace();

	private final EmulatedTokens tokens;

	private final EmulatedPostgres postgres;

	private final EmulatedIdentities identities;

	private final EmulatorRuntime runtime;

	LakebaseEmulator(LakebaseEmulatorBuilder settings) {
		this.appName = settings.appName;
		this.directory = new EmulatorDirectory(new DatabaseTokens(settings.clock, settings.tokenLifetime),
				this.workspace::take);
		this.directory.endpoints().addAll(settings.endpoints());
		this.directory.compute(settings.maxComputeUnits);
		this.directory.app(settings.appName, settings.appMaxInstances);
		this.tokens = new EmulatedTokens(this.directory.tokens());
		this.postgres = new EmulatedPostgres(this.directory, settings.maxConnections);
		this.identities = new EmulatedIdentities(this.directory, this.postgres, settings.userName);
		this.runtime = new EmulatorRuntime(this.directory, this.postgres, this.workspace, settings.clock);
	}

	/**
	 * Return a builder of an emulator with one project, its {@code production} branch and
	 * that branch's {@code primary} read-write endpoint.
	 */
	public static LakebaseEmulatorBuilder builder() {
		return new LakebaseEmulatorBuilder();
	}

	/**
	 * Start the emulator: PostgreSQL, the endpoints' fronts and the workspace.
	 * @return this emulator
	 * @throws IllegalStateException if it is running already or cannot start
	 */
	public LakebaseEmulator start() {
		this.runtime.start();
		return this;
	}

	/** Return when the emulator started. */
	public Instant startTime() {
		return this.directory.startTime();
	}

	/** Return the fake Databricks workspace: its URL, requests and faults. */
	public EmulatedWorkspace workspace() {
		return this.workspace;
	}

	/** Return the workspace identities: the default ones and those a test adds. */
	public EmulatedIdentities identities() {
		return this.identities;
	}

	/** Return the database credentials the workspace mints. */
	public EmulatedTokens tokens() {
		return this.tokens;
	}

	/** Return the PostgreSQL under the endpoints. */
	public EmulatedPostgres postgres() {
		return this.postgres;
	}

	/** Return the primary (read-write) endpoint of the production branch. */
	public EmulatedEndpoint endpoint() {
		return this.directory.endpoints().get(0);
	}

	/**
	 * Return the read-write endpoint of a branch.
	 * @param branch the branch id
	 * @return the endpoint
	 * @throws IllegalArgumentException if the emulator has no such branch
	 */
	public EmulatedEndpoint branchEndpoint(String branch) {
		return requireFound(
				this.directory.endpoint(
						"projects/" + endpoint().project() + "/branches/" + branch + "/endpoints/" + PRIMARY_ENDPOINT),
				"branch " + branch);
	}

	/**
	 * Return the read-only endpoint of the production branch.
	 * @return the endpoint
	 * @throws IllegalArgumentException if none was configured
	 */
	public EmulatedEndpoint readOnlyEndpoint() {
		return requireFound(this.directory.readOnlyEndpointOf(endpoint()), "read-only endpoint");
	}

	/**
	 * Return a Provisioned instance.
	 * @param name the instance name
	 * @return the instance
	 * @throws IllegalArgumentException if the emulator has no such instance
	 */
	public EmulatedEndpoint instance(String name) {
		return requireFound(this.directory.instance(name), "instance " + name);
	}

	/** Return every endpoint and instance of the emulator. */
	public List<EmulatedEndpoint> endpoints() {
		return List.copyOf(this.directory.endpoints());
	}

	/**
	 * Return the values Databricks Apps inject into an app that has the primary endpoint
	 * as its database resource: {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
	 * {@code PGUSER}, {@code PGSSLMODE}, {@code PGAPPNAME}, {@code DATABRICKS_HOST},
	 * {@code DATABRICKS_CLIENT_ID}, {@code DATABRICKS_CLIENT_SECRET} and
	 * {@code LAKEBASE_ENDPOINT}.
	 */
	public Map<String, String> environment() {
		return environment(this.identities.servicePrincipal(), endpoint());
	}

	/**
	 * Return the environment of an identity connecting to an endpoint. A user gets
	 * {@code DATABRICKS_TOKEN} (a personal access token) in place of the client id and
	 * secret.
	 * @param identity the identity
	 * @param endpoint the endpoint
	 * @return the environment
	 */
	public Map<String, String> environment(EmulatedIdentity identity, EmulatedEndpoint endpoint) {
		return AppEnvironment.environment(identity, endpoint, this.workspace.url(), this.appName);
	}

	/**
	 * Return the {@link #environment()} as the starter's Spring properties
	 * ({@code lakebase.host}, {@code lakebase.databricks.client-id}, ...), for example
	 * for a {@code DynamicPropertyRegistry} or an {@code ApplicationContextRunner}.
	 */
	public Map<String, String> springProperties() {
		return springProperties(this.identities.servicePrincipal(), endpoint());
	}

	/**
	 * Return the {@link #environment(EmulatedIdentity, EmulatedEndpoint) environment} of
	 * an identity and endpoint as the starter's Spring properties.
	 * @param identity the identity
	 * @param endpoint the endpoint
	 * @return the properties
	 */
	public Map<String, String> springProperties(EmulatedIdentity identity, EmulatedEndpoint endpoint) {
		return AppEnvironment.springProperties(environment(identity, endpoint), endpoint);
	}

	/**
	 * Return a JDBC URL for an endpoint with {@code sslmode=require}.
	 * @param endpoint the endpoint
	 * @return the JDBC URL
	 */
	public String jdbcUrl(EmulatedEndpoint endpoint) {
		return "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + DEFAULT_DATABASE
				+ "?sslmode=require";
	}

	/**
	 * Stop the emulator: close every client connection, the workspace and PostgreSQL.
	 */
	@Override
	public void close() {
		this.runtime.close();
	}

	private static <T> T requireFound(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("The emulator has no " + what);
		}
		return value;
	}

}
