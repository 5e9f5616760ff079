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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	static final String WORKSPACE_ID = "1234567890123456";

	private static final Logger logger = LoggerFactory.getLogger(LakebaseEmulator.class);

	private static final Pattern RESOURCE_ID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

	private final String project;

	private @Nullable Thread shutdownHook;

	private final String appName;

	private final int maxConnections;

	private final WakeMode wakeMode;

	private final Duration wakeDelay;

	private final @Nullable Duration autoSuspendAfter;

	private final Clock clock;

	private final DatabaseTokens tokens;

	private final WorkspaceFaults faults = new WorkspaceFaults();

	private final List<EmulatedIdentity> identities = new CopyOnWriteArrayList<>();

	private final List<EmulatedEndpoint> endpoints = new CopyOnWriteArrayList<>();

	private final Map<String, String> nativePasswords = new ConcurrentHashMap<>();

	private final List<String> backendDatabases = new CopyOnWriteArrayList<>();

	private final EmulatedIdentity servicePrincipal;

	private final EmulatedIdentity user;

	private @Nullable ExecutorService executor;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable EmbeddedPostgresServer postgres;

	private final List<PostgresFront> fronts = new ArrayList<>();

	private @Nullable FakeWorkspace workspace;

	@SuppressWarnings("NullAway.Init") // set by start(), before the emulator is handed
										// out
	private Instant startTime;

	private LakebaseEmulator(Builder settings) {
		this.project = settings.project;
		this.appName = settings.appName;
		this.maxConnections = settings.maxConnections;
		this.wakeMode = settings.wakeMode;
		this.wakeDelay = settings.wakeDelay;
		this.autoSuspendAfter = settings.autoSuspendAfter;
		this.clock = settings.clock;
		this.tokens = new DatabaseTokens(this.clock, settings.tokenLifetime);
		this.servicePrincipal = newServicePrincipal(true);
		this.user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, settings.userName, "dapi" + randomSecret(), true);
		this.identities.add(this.servicePrincipal);
		this.identities.add(this.user);
		this.endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, settings.project, DEFAULT_BRANCH,
				PRIMARY_ENDPOINT, false));
		if (settings.readOnlyEndpoint) {
			this.endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, settings.project, DEFAULT_BRANCH,
					READ_ONLY_ENDPOINT, true));
		}
		for (String branch : settings.branches) {
			this.endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, settings.project, branch,
					PRIMARY_ENDPOINT, false));
		}
		for (String instance : settings.instances) {
			this.endpoints.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, instance, false));
		}
	}

	/**
	 * Return a builder of an emulator with one project, its {@code production} branch and
	 * that branch's {@code primary} read-write endpoint.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start the emulator: PostgreSQL, the endpoints' fronts and the workspace.
	 * @return this emulator
	 * @throws IllegalStateException if it is running already or cannot start
	 */
	public synchronized LakebaseEmulator start() {
		if (this.startTime != null) {
			throw new IllegalStateException("The emulator was started already");
		}
		long started = System.nanoTime();
		this.startTime = this.clock.instant();
		try {
			this.executor = Executors.newCachedThreadPool(daemonThreads("lakebase-emulator"));
			this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("lakebase-emulator-timer"));
			this.postgres = new EmbeddedPostgresServer(this.maxConnections);
			createDatabases();
			this.identities.forEach(this::createRole);
			startFronts(sslContext());
			this.workspace = new FakeWorkspace(this, this.tokens, this.faults, this.clock, this.executor);
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw new IllegalStateException("Could not start the Lakebase emulator: " + ex.getMessage(), ex);
		}
		catch (Error ex) {
			// A broken class path, say: stop what did start before it propagates
			close();
			throw ex;
		}
		// A dev-time runner stopped with SIGTERM closes the emulator too (its PostgreSQL
		// and temporary directory); close() takes the hook away again.
		this.shutdownHook = new Thread(this::close, "lakebase-emulator-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		logger.info("Lakebase emulator started in {} ms: workspace {}, endpoint {} at {}:{}",
				Duration.ofNanos(System.nanoTime() - started).toMillis(), workspaceUrl(), endpoint().path(),
				endpoint().host(), endpoint().port());
		return this;
	}

	private void createDatabases() {
		postgres().execute("postgres", "CREATE DATABASE " + DEFAULT_DATABASE);
		this.backendDatabases.add(DEFAULT_DATABASE);
		for (EmulatedEndpoint endpoint : autoscalingEndpoints()) {
			String database = endpoint.backendDatabase(DEFAULT_DATABASE);
			if (this.backendDatabases.contains(database)) {
				continue;
			}
			postgres().execute("postgres", "CREATE DATABASE \"" + database + "\" TEMPLATE " + DEFAULT_DATABASE);
			this.backendDatabases.add(database);
		}
	}

	private void createRole(EmulatedIdentity identity) {
		if (!identity.hasDatabaseRole()) {
			return;
		}
		String role = quoteIdentifier(identity.roleName());
		postgres().execute("postgres", "CREATE ROLE " + role + " LOGIN");
		grantOnAllDatabases(role);
	}

	private void grantOnAllDatabases(String role) {
		for (String database : this.backendDatabases) {
			postgres().execute(database,
					"GRANT CONNECT, CREATE, TEMPORARY ON DATABASE " + quoteIdentifier(database) + " TO " + role,
					"GRANT USAGE, CREATE ON SCHEMA public TO " + role);
		}
	}

	private void startFronts(SSLContext sslContext) throws IOException {
		int sharedPort = 0;
		int nextAddress = 1;
		for (EmulatedEndpoint endpoint : this.endpoints) {
			PostgresFront front = null;
			if (sharedPort != 0) {
				front = tryFront(endpoint, "127.0.0." + (++nextAddress), sharedPort, sslContext);
			}
			if (front == null) {
				front = new PostgresFront(endpoint, new InetSocketAddress(LOOPBACK, sharedPort), sslContext,
						postgres().unixSocket(), this::checkLogin, executor());
			}
			sharedPort = (sharedPort != 0) ? sharedPort : front.port();
			this.fronts.add(front);
			endpoint.setWakeMode(this.wakeMode);
			endpoint.setWakeDelay(this.wakeDelay);
			endpoint.setAutoSuspendAfter(this.autoSuspendAfter);
			endpoint.attach(front, scheduler());
		}
	}

	private @Nullable PostgresFront tryFront(EmulatedEndpoint endpoint, String address, int port,
			SSLContext sslContext) {
		try {
			return new PostgresFront(endpoint, new InetSocketAddress(InetAddress.getByName(address), port), sslContext,
					postgres().unixSocket(), this::checkLogin, executor());
		}
		catch (IOException ex) {
			logger.debug("Loopback address {} unavailable ({}); {} gets its own port on {}", address, ex.toString(),
					endpoint.path(), LOOPBACK);
			return null;
		}
	}

	private boolean checkLogin(String roleName, String password) {
		String nativePassword = this.nativePasswords.get(roleName);
		if (nativePassword != null && nativePassword.equals(password)) {
			return true;
		}
		EmulatedIdentity identity = findIdentity(roleName);
		return identity != null && identity.hasDatabaseRole()
				&& this.tokens.check(roleName, password) == DatabaseTokens.Check.VALID;
	}

	private static SSLContext sslContext() throws IOException {
		try (InputStream keyStoreStream = LakebaseEmulator.class.getResourceAsStream("emulator-tls.p12")) {
			char[] password = "emulator".toCharArray();
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(keyStoreStream, password);
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not load the emulator's TLS certificate", ex);
		}
	}

	/**
	 * Return the URL of the fake workspace, the value of {@code DATABRICKS_HOST}.
	 * @return the workspace URL
	 */
	public String workspaceUrl() {
		return requireStarted().url();
	}

	/**
	 * Return when the emulator started.
	 * @return the start time
	 */
	public Instant startTime() {
		return this.startTime;
	}

	/**
	 * Return the default service principal, the identity Databricks Apps gives an app. It
	 * has a database role.
	 * @return the service principal
	 */
	public EmulatedIdentity servicePrincipal() {
		return this.servicePrincipal;
	}

	/**
	 * Return the default user, a developer with a personal access token. It has a
	 * database role.
	 * @return the user
	 */
	public EmulatedIdentity user() {
		return this.user;
	}

	/**
	 * Add a service principal.
	 * @param databaseRole whether it gets a Postgres role; {@code false} stands for an
	 * app that has no database resource, whose logins fail
	 * @return the new service principal
	 */
	public EmulatedIdentity addServicePrincipal(boolean databaseRole) {
		return addIdentity(newServicePrincipal(databaseRole));
	}

	/**
	 * Add a user with a personal access token.
	 * @param email the user name, which is also the Postgres role name
	 * @param databaseRole whether it gets a Postgres role
	 * @return the new user
	 */
	public EmulatedIdentity addUser(String email, boolean databaseRole) {
		return addIdentity(
				new EmulatedIdentity(EmulatedIdentity.Kind.USER, email, "dapi" + randomSecret(), databaseRole));
	}

	private EmulatedIdentity addIdentity(EmulatedIdentity identity) {
		if (findIdentity(identity.roleName()) != null) {
			throw new IllegalArgumentException("An identity named " + identity.roleName() + " exists already");
		}
		this.identities.add(identity);
		if (this.postgres != null) {
			createRole(identity);
		}
		return identity;
	}

	/**
	 * Create a Postgres role that logs in with a native password (no workspace identity),
	 * as the Lakebase UI does.
	 * @param roleName the role name
	 * @param password the password
	 */
	public void addNativeRole(String roleName, String password) {
		Objects.requireNonNull(password, "password must not be null");
		String role = quoteIdentifier(roleName);
		requireStarted();
		postgres().execute("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
		grantOnAllDatabases(role);
		this.nativePasswords.put(roleName, password);
	}

	/**
	 * Return the primary (read-write) endpoint of the production branch.
	 * @return the primary endpoint
	 */
	public EmulatedEndpoint endpoint() {
		return this.endpoints.get(0);
	}

	/**
	 * Return the read-write endpoint of a branch.
	 * @param branch the branch id
	 * @return the endpoint
	 * @throws IllegalArgumentException if the emulator has no such branch
	 */
	public EmulatedEndpoint branchEndpoint(String branch) {
		return requireFound(
				findEndpoint("projects/" + this.project + "/branches/" + branch + "/endpoints/" + PRIMARY_ENDPOINT),
				"branch " + branch);
	}

	/**
	 * Return the read-only endpoint of the production branch.
	 * @return the endpoint
	 * @throws IllegalArgumentException if none was configured
	 */
	public EmulatedEndpoint readOnlyEndpoint() {
		return requireFound(readOnlyEndpointOf(endpoint()), "read-only endpoint");
	}

	/**
	 * Return a Provisioned instance.
	 * @param name the instance name
	 * @return the instance
	 * @throws IllegalArgumentException if the emulator has no such instance
	 */
	public EmulatedEndpoint instance(String name) {
		return requireFound(findInstance(name), "instance " + name);
	}

	/**
	 * Return every endpoint and instance of the emulator.
	 * @return the endpoints
	 */
	public List<EmulatedEndpoint> endpoints() {
		return List.copyOf(this.endpoints);
	}

	/**
	 * Return the faults to inject into the workspace API.
	 * @return the workspace faults
	 */
	public WorkspaceFaults faults() {
		return this.faults;
	}

	/**
	 * Set the lifetime of database credentials minted from now on. Lakebase uses one
	 * hour; seconds compress hours of rotation into a test.
	 * @param lifetime the token lifetime
	 */
	public void setTokenLifetime(Duration lifetime) {
		this.tokens.setLifetime(requirePositive(lifetime));
	}

	/**
	 * Revoke every database credential of an identity: logins with them fail from now on;
	 * open sessions keep running.
	 * @param identity the identity
	 * @return how many tokens were revoked
	 */
	public int revokeTokens(EmulatedIdentity identity) {
		return this.tokens.revoke(identity);
	}

	/**
	 * Return how many database credentials were minted for an identity.
	 * @param identity the identity
	 * @return the number of mints
	 */
	public int mintCount(EmulatedIdentity identity) {
		return this.tokens.mintsForRole(identity.roleName());
	}

	/**
	 * Return how many database credentials were minted for an endpoint or instance.
	 * @param endpoint the endpoint
	 * @return the number of mints
	 */
	public int mintCount(EmulatedEndpoint endpoint) {
		return this.tokens.mintsForTarget(endpoint.path());
	}

	/**
	 * Take every free connection slot of PostgreSQL with superuser connections, so that
	 * the next connect through any endpoint fails with {@code 53300} (too many clients),
	 * until the returned handle is closed. Slots that free up within the settle time (for
	 * example pool connections still closing) are taken too.
	 * @param settle how long to keep taking slots as they free up
	 * @return the held connections; close to release them
	 */
	public HeldConnections exhaustConnections(Duration settle) {
		requireStarted();
		HeldConnections held = new HeldConnections();
		long until = System.nanoTime() + settle.toNanos();
		boolean full = false;
		while (!full || System.nanoTime() < until) {
			try {
				held.add(postgres().connectAsSuperuser("postgres"));
			}
			catch (SQLException ex) {
				if (!"53300".equals(ex.getSQLState())) {
					held.close();
					throw new IllegalStateException("Could not take a connection slot: " + ex.getMessage(), ex);
				}
				full = true;
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		return held;
	}

	/**
	 * Restart PostgreSQL under the endpoints: a fast shutdown ends every session
	 * (in-flight statements fail), connects during the downtime are answered with
	 * {@code 57P03}, and PostgreSQL comes back on the same data.
	 * @param downtime how long PostgreSQL stays down
	 */
	public void restartPostgres(Duration downtime) {
		requireStarted();
		try {
			postgres().restart(downtime);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not come back after a restart", ex);
		}
	}

	/**
	 * Return how many requests the fake workspace received for a path, for example
	 * {@code /api/2.0/preview/scim/v2/Me}, answered or failed.
	 * @param path the request path, without query
	 * @return the number of requests
	 */
	public int workspaceRequests(String path) {
		return requireStarted().requestCount(path);
	}

	/**
	 * Return how many requests the fake workspace received in all, for any path.
	 * @return the number of requests
	 */
	public int workspaceRequests() {
		return requireStarted().requestCount();
	}

	/**
	 * Return how many database credentials were minted in all.
	 * @return the number of mints
	 */
	public int mintCount() {
		return this.tokens.totalMints();
	}

	/**
	 * Open a JDBC connection to the real PostgreSQL as its superuser, bypassing the
	 * front, to arrange or inspect a test.
	 * @param branch the branch whose database to open
	 * @return a new connection
	 * @throws SQLException if the connection fails
	 */
	public Connection connectAsSuperuser(String branch) throws SQLException {
		requireStarted();
		return postgres().connectAsSuperuser(branchEndpoint(branch).backendDatabase(DEFAULT_DATABASE));
	}

	/**
	 * Return the values Databricks Apps inject into an app that has the primary endpoint
	 * as its database resource: {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
	 * {@code PGUSER}, {@code PGSSLMODE}, {@code PGAPPNAME}, {@code DATABRICKS_HOST},
	 * {@code DATABRICKS_CLIENT_ID}, {@code DATABRICKS_CLIENT_SECRET} and
	 * {@code LAKEBASE_ENDPOINT}.
	 * @return the environment
	 */
	public Map<String, String> environment() {
		return environment(this.servicePrincipal, endpoint());
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
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PGHOST", endpoint.host());
		env.put("PGPORT", Integer.toString(endpoint.port()));
		env.put("PGDATABASE", DEFAULT_DATABASE);
		env.put("PGUSER", identity.roleName());
		env.put("PGSSLMODE", "require");
		env.put("PGAPPNAME", this.appName);
		env.put("DATABRICKS_HOST", workspaceUrl());
		if (identity.kind() == EmulatedIdentity.Kind.SERVICE_PRINCIPAL) {
			env.put("DATABRICKS_CLIENT_ID", identity.clientId());
			env.put("DATABRICKS_CLIENT_SECRET", identity.clientSecret());
		}
		else {
			env.put("DATABRICKS_TOKEN", identity.personalAccessToken());
		}
		if (endpoint.kind() == EmulatedEndpoint.Kind.AUTOSCALING) {
			env.put("LAKEBASE_ENDPOINT", endpoint.path());
		}
		return env;
	}

	/**
	 * Return the {@link #environment()} as the starter's Spring properties
	 * ({@code lakebase.host}, {@code lakebase.databricks.client-id}, ...), for example
	 * for a {@code DynamicPropertyRegistry} or an {@code ApplicationContextRunner}.
	 * @return the properties
	 */
	public Map<String, String> springProperties() {
		return springProperties(this.servicePrincipal, endpoint());
	}

	/**
	 * Return the {@link #environment(EmulatedIdentity, EmulatedEndpoint) environment} of
	 * an identity and endpoint as the starter's Spring properties.
	 * @param identity the identity
	 * @param endpoint the endpoint
	 * @return the properties
	 */
	public Map<String, String> springProperties(EmulatedIdentity identity, EmulatedEndpoint endpoint) {
		Map<String, String> env = environment(identity, endpoint);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("lakebase.host", env.get("PGHOST"));
		properties.put("lakebase.port", env.get("PGPORT"));
		properties.put("lakebase.database", env.get("PGDATABASE"));
		properties.put("lakebase.username", env.get("PGUSER"));
		properties.put("lakebase.ssl-mode", env.get("PGSSLMODE"));
		properties.put("lakebase.application-name", env.get("PGAPPNAME"));
		if (env.containsKey("LAKEBASE_ENDPOINT")) {
			properties.put("lakebase.endpoint", env.get("LAKEBASE_ENDPOINT"));
		}
		else {
			properties.put("lakebase.instance-name", endpoint.path());
		}
		properties.put("lakebase.databricks.host", env.get("DATABRICKS_HOST"));
		if (env.containsKey("DATABRICKS_TOKEN")) {
			properties.put("lakebase.databricks.token", env.get("DATABRICKS_TOKEN"));
		}
		else {
			properties.put("lakebase.databricks.client-id", env.get("DATABRICKS_CLIENT_ID"));
			properties.put("lakebase.databricks.client-secret", env.get("DATABRICKS_CLIENT_SECRET"));
		}
		return properties;
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
	public synchronized void close() {
		Thread hook = this.shutdownHook;
		this.shutdownHook = null;
		if (hook != null && Thread.currentThread() != hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook runs, and finds the emulator closed
			}
		}
		if (this.workspace != null) {
			this.workspace.close();
			this.workspace = null;
		}
		for (PostgresFront front : this.fronts) {
			try {
				front.close();
			}
			catch (IOException ex) {
				logger.debug("Could not close an emulator front: {}", ex.toString());
			}
		}
		this.fronts.clear();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		if (this.postgres != null) {
			try {
				postgres().close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not stop the emulator's PostgreSQL", ex);
			}
			finally {
				this.postgres = null;
			}
		}
	}

	@Nullable EmulatedIdentity findServicePrincipal(@Nullable String clientId) {
		EmulatedIdentity identity = findIdentity(clientId);
		return (identity != null && identity.kind() == EmulatedIdentity.Kind.SERVICE_PRINCIPAL) ? identity : null;
	}

	@Nullable EmulatedIdentity findUserByPersonalAccessToken(String token) {
		for (EmulatedIdentity identity : this.identities) {
			if (identity.kind() == EmulatedIdentity.Kind.USER && identity.secret().equals(token)) {
				return identity;
			}
		}
		return null;
	}

	private @Nullable EmulatedIdentity findIdentity(@Nullable String roleName) {
		for (EmulatedIdentity identity : this.identities) {
			if (identity.roleName().equals(roleName)) {
				return identity;
			}
		}
		return null;
	}

	@Nullable EmulatedEndpoint findEndpoint(String path) {
		return find(EmulatedEndpoint.Kind.AUTOSCALING, path);
	}

	@Nullable EmulatedEndpoint findInstance(String name) {
		return find(EmulatedEndpoint.Kind.PROVISIONED, name);
	}

	private @Nullable EmulatedEndpoint find(EmulatedEndpoint.Kind kind, String path) {
		for (EmulatedEndpoint endpoint : this.endpoints) {
			if (endpoint.kind() == kind && endpoint.path().equals(path)) {
				return endpoint;
			}
		}
		return null;
	}

	List<EmulatedEndpoint> autoscalingEndpoints() {
		return this.endpoints.stream()
			.filter((endpoint) -> endpoint.kind() == EmulatedEndpoint.Kind.AUTOSCALING)
			.toList();
	}

	@Nullable EmulatedEndpoint readOnlyEndpointOf(EmulatedEndpoint endpoint) {
		for (EmulatedEndpoint candidate : autoscalingEndpoints()) {
			if (candidate.isReadOnly() && Objects.equals(candidate.project(), endpoint.project())
					&& Objects.equals(candidate.branch(), endpoint.branch())) {
				return candidate;
			}
		}
		return null;
	}

	private FakeWorkspace requireStarted() {
		FakeWorkspace current = this.workspace;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current;
	}

	private EmbeddedPostgresServer postgres() {
		return requireRunning(this.postgres);
	}

	private ExecutorService executor() {
		return requireRunning(this.executor);
	}

	private ScheduledExecutorService scheduler() {
		return requireRunning(this.scheduler);
	}

	private static <T> T requireRunning(@Nullable T part) {
		if (part == null) {
			throw new IllegalStateException("The Lakebase emulator is not running");
		}
		return part;
	}

	private static <T> T requireFound(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("The emulator has no " + what);
		}
		return value;
	}

	private static EmulatedIdentity newServicePrincipal(boolean databaseRole) {
		return new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL, UUID.randomUUID().toString(),
				randomSecret(), databaseRole);
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static Duration requirePositive(Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("Duration must be positive: " + duration);
		}
		return duration;
	}

	private static String requireResourceId(String id, String what) {
		if (id == null || !RESOURCE_ID.matcher(id).matches()) {
			throw new IllegalArgumentException(what + " '" + id
					+ "' is not a valid resource id (1-63 lowercase letters, digits and hyphens, starting with a letter)");
		}
		return id;
	}

	/**
	 * Settings of a {@link LakebaseEmulator}.
	 */
	public static final class Builder {

		/**
		 * PostgreSQL's upper bound of {@code max_connections}.
		 */
		private static final int MAX_BACKENDS = 262_143;

		private String project = "emulator";

		private final List<String> branches = new ArrayList<>();

		private final List<String> instances = new ArrayList<>();

		private boolean readOnlyEndpoint;

		private Duration tokenLifetime = Duration.ofHours(1);

		private int maxConnections = 100;

		private WakeMode wakeMode = WakeMode.HOLD;

		private Duration wakeDelay = Duration.ofMillis(300);

		private @Nullable Duration autoSuspendAfter;

		private String userName = "developer@example.com";

		private String appName = "lakebase-emulator-app";

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the project id (default {@code emulator}).
		 * @param project the project id
		 * @return this builder
		 */
		public Builder project(String project) {
			this.project = requireResourceId(project, "Project id");
			return this;
		}

		/**
		 * Add a branch besides {@code production}, with its own copy of the database and
		 * its own {@code primary} endpoint.
		 * @param branch the branch id
		 * @return this builder
		 */
		public Builder branch(String branch) {
			requireResourceId(branch, "Branch id");
			if (branch.equals(DEFAULT_BRANCH) || this.branches.contains(branch)) {
				throw new IllegalArgumentException("Branch " + branch + " exists already");
			}
			this.branches.add(branch);
			return this;
		}

		/**
		 * Add a read-only endpoint to the production branch, whose sessions run with
		 * {@code default_transaction_read_only}.
		 * @return this builder
		 */
		public Builder readOnlyEndpoint() {
			this.readOnlyEndpoint = true;
			return this;
		}

		/**
		 * Add a Provisioned instance, which serves the production database.
		 * @param name the instance name
		 * @return this builder
		 */
		public Builder provisionedInstance(String name) {
			requireResourceId(name, "Instance name");
			this.instances.add(name);
			return this;
		}

		/**
		 * Set the lifetime of minted database credentials (default one hour).
		 * @param lifetime the token lifetime
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration lifetime) {
			this.tokenLifetime = requirePositive(lifetime);
			return this;
		}

		/**
		 * Set PostgreSQL's {@code max_connections} (default 100).
		 * @param maxConnections the connection limit
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 5 || maxConnections > MAX_BACKENDS) {
				throw new IllegalArgumentException(
						"maxConnections must be between 5 and " + MAX_BACKENDS + " (PostgreSQL's limit)");
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set how suspended endpoints answer connects while they wake (default
		 * {@link WakeMode#HOLD}).
		 * @param wakeMode the wake mode
		 * @return this builder
		 */
		public Builder wakeMode(WakeMode wakeMode) {
			this.wakeMode = Objects.requireNonNull(wakeMode);
			return this;
		}

		/**
		 * Set how long a suspended endpoint takes to wake (default 300 ms).
		 * @param wakeDelay the wake delay
		 * @return this builder
		 */
		public Builder wakeDelay(Duration wakeDelay) {
			this.wakeDelay = Objects.requireNonNull(wakeDelay);
			return this;
		}

		/**
		 * Let endpoints suspend themselves after an idle time (default off).
		 * @param idleTime the idle time
		 * @return this builder
		 */
		public Builder autoSuspendAfter(Duration idleTime) {
			this.autoSuspendAfter = requirePositive(idleTime);
			return this;
		}

		/**
		 * Set the e-mail address of the default user.
		 * @param email the user name
		 * @return this builder
		 */
		public Builder userName(String email) {
			this.userName = Objects.requireNonNull(email);
			return this;
		}

		/**
		 * Set the app name handed out as {@code PGAPPNAME}.
		 * @param appName the app name
		 * @return this builder
		 */
		public Builder appName(String appName) {
			this.appName = Objects.requireNonNull(appName);
			return this;
		}

		/**
		 * Set the clock that decides token expiry.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock);
			return this;
		}

		/**
		 * Build the emulator without starting it.
		 * @return the emulator
		 */
		public LakebaseEmulator build() {
			return new LakebaseEmulator(this);
		}

		/**
		 * Build and start the emulator.
		 * @return the running emulator
		 * @throws IllegalStateException if it cannot start
		 */
		public LakebaseEmulator start() {
			return build().start();
		}

	}

}
