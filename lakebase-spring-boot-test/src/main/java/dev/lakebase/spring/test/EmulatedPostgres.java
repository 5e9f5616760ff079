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
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's PostgreSQL and the endpoints' fronts in front of it: the databases of
 * every branch, the roles of the identities, and what a test does to PostgreSQL itself
 * (take its connection slots, restart it, connect past the fronts).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EmulatedPostgres {

	private static final Logger logger = LoggerFactory.getLogger(EmulatedPostgres.class);

	private final EmulatorDirectory directory;

	private final int maxConnections;

	private final List<String> backendDatabases = new CopyOnWriteArrayList<>();

	private final Map<EmulatedEndpoint, PostgresFront> fronts = new ConcurrentHashMap<>();

	private final Map<EmulatedEndpoint, PostgresFront> pooledFronts = new ConcurrentHashMap<>();

	private final List<PostgresFront> secondaryFronts = new CopyOnWriteArrayList<>();

	private volatile @Nullable EmbeddedPostgresServer server;

	private @Nullable ExecutorService executor;

	private @Nullable ScheduledExecutorService scheduler;

	EmulatedPostgres(EmulatorDirectory directory, int maxConnections) {
		this.directory = directory;
		this.maxConnections = maxConnections;
	}

	void start() throws IOException {
		ExecutorService executor = Executors.newCachedThreadPool(EmulatedWorkspace.daemonThreads("lakebase-emulator"));
		this.executor = executor;
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(EmulatedWorkspace.daemonThreads("lakebase-emulator-timer"));
		this.scheduler = scheduler;
		this.server = new EmbeddedPostgresServer(this.maxConnections);
		server().execute("postgres", "CREATE DATABASE " + LakebaseEmulator.DEFAULT_DATABASE);
		this.backendDatabases.add(LakebaseEmulator.DEFAULT_DATABASE);
		for (EmulatedEndpoint endpoint : this.directory.autoscalingEndpoints()) {
			String database = endpoint.backendDatabase(LakebaseEmulator.DEFAULT_DATABASE);
			if (!this.backendDatabases.contains(database)) {
				server().execute("postgres",
						"CREATE DATABASE \"" + database + "\" TEMPLATE " + LakebaseEmulator.DEFAULT_DATABASE);
				this.backendDatabases.add(database);
			}
		}
		this.directory.identities().forEach(this::createRole);
		List<EmulatedEndpoint> endpoints = this.directory.endpoints();
		List<EndpointLifecycle> lifecycles = endpoints.stream().map(EmulatedEndpoint::lifecycle).toList();
		List<PostgresFront> opened = PostgresFront.openAll(lifecycles, 0, List.of(), server().unixSocket(),
				this.directory::checkLogin, executor, 0);
		for (int i = 0; i < endpoints.size(); i++) {
			this.fronts.put(endpoints.get(i), opened.get(i));
			endpoints.get(i).lifecycle().attach(opened.get(i), scheduler);
		}
		List<PostgresFront> pooled = PostgresFront.openAll(lifecycles, opened.get(0).port(), allFronts(),
				server().unixSocket(), this.directory::checkLogin, executor, poolerPoolSize());
		for (int i = 0; i < endpoints.size(); i++) {
			this.pooledFronts.put(endpoints.get(i), pooled.get(i));
			endpoints.get(i).lifecycle().attachPooled(pooled.get(i));
		}
		for (EmulatedEndpoint endpoint : endpoints) {
			if (endpoint.hasReadableSecondaries()) {
				openSecondaries(endpoint, opened.get(0).port());
			}
		}
	}

	/**
	 * Open the direct and pooled fronts of an endpoint's readable secondaries: read-only
	 * sessions of the same database.
	 */
	private void openSecondaries(EmulatedEndpoint endpoint, int port) throws IOException {
		ReadableSecondary secondary = new ReadableSecondary(endpoint.lifecycle());
		PostgresFront direct = PostgresFront
			.openAll(List.of(secondary), port, allFronts(), server().unixSocket(), this.directory::checkLogin,
					executor(), 0)
			.get(0);
		this.secondaryFronts.add(direct);
		PostgresFront pooled = PostgresFront
			.openAll(List.of(secondary), port, allFronts(), server().unixSocket(), this.directory::checkLogin,
					executor(), poolerPoolSize())
			.get(0);
		this.secondaryFronts.add(pooled);
		endpoint.lifecycle().attachSecondaries(direct, pooled);
	}

	/**
	 * The PostgreSQL sessions of one user and database a pooler keeps at most: about 90 %
	 * of {@code max_connections}, as Lakebase's PgBouncer, and never the slots PostgreSQL
	 * keeps for superusers (3).
	 */
	private int poolerPoolSize() {
		return Math.max(1, Math.min(this.maxConnections * 9 / 10, this.maxConnections - 3));
	}

	private List<PostgresFront> allFronts() {
		List<PostgresFront> all = new ArrayList<>(this.fronts.values());
		all.addAll(this.pooledFronts.values());
		all.addAll(this.secondaryFronts);
		return all;
	}

	void createRole(EmulatedIdentity identity) {
		if (identity.hasDatabaseRole() && this.server != null) {
			String role = quoteIdentifier(identity.roleName());
			server().execute("postgres", "CREATE ROLE " + role + " LOGIN");
			grantOnAllDatabases(role);
		}
	}

	void addNativeRole(String roleName, String password) {
		String role = quoteIdentifier(roleName);
		server().execute("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
		grantOnAllDatabases(role);
	}

	/**
	 * Add a branch: its database a copy of the source branch's as it is now (sessions on
	 * the source are ended, as PostgreSQL copies only a database no one is connected to),
	 * the roles granted on it, and the front of its endpoint.
	 */
	void addBranch(EmulatedEndpoint endpoint, EmulatedEndpoint source) throws IOException {
		String database = endpoint.backendDatabase(LakebaseEmulator.DEFAULT_DATABASE);
		DatabaseCopy.copy(server(), source.backendDatabase(LakebaseEmulator.DEFAULT_DATABASE), database);
		this.backendDatabases.add(database);
		for (String role : this.directory.roleNames()) {
			grant(database, quoteIdentifier(role));
		}
		PostgresFront front = PostgresFront
			.openAll(List.of(endpoint.lifecycle()), source.port(), allFronts(), server().unixSocket(),
					this.directory::checkLogin, executor(), 0)
			.get(0);
		this.fronts.put(endpoint, front);
		endpoint.lifecycle().attach(front, scheduler());
		PostgresFront pooled = PostgresFront
			.openAll(List.of(endpoint.lifecycle()), source.port(), allFronts(), server().unixSocket(),
					this.directory::checkLogin, executor(), poolerPoolSize())
			.get(0);
		this.pooledFronts.put(endpoint, pooled);
		endpoint.lifecycle().attachPooled(pooled);
	}

	/**
	 * Remove a branch: the fronts of its endpoints close and its database is dropped.
	 */
	void removeBranch(List<EmulatedEndpoint> endpoints) {
		for (EmulatedEndpoint endpoint : endpoints) {
			PostgresFront front = this.fronts.remove(endpoint);
			if (front != null) {
				closeQuietly(front);
			}
			PostgresFront pooled = this.pooledFronts.remove(endpoint);
			if (pooled != null) {
				closeQuietly(pooled);
			}
			String database = endpoint.backendDatabase(LakebaseEmulator.DEFAULT_DATABASE);
			if (this.backendDatabases.remove(database)) {
				server().execute("postgres", "DROP DATABASE IF EXISTS " + quoteIdentifier(database) + " WITH (FORCE)");
			}
		}
	}

	private void grantOnAllDatabases(String role) {
		for (String database : this.backendDatabases) {
			grant(database, role);
		}
	}

	private void grant(String database, String role) {
		server().execute(database,
				"GRANT CONNECT, CREATE, TEMPORARY ON DATABASE " + quoteIdentifier(database) + " TO " + role,
				"GRANT USAGE, CREATE ON SCHEMA public TO " + role);
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
		return HeldConnections.take(server(), settle);
	}

	/**
	 * Restart PostgreSQL under the endpoints: a fast shutdown ends every session
	 * (in-flight statements fail), connects during the downtime are answered with
	 * {@code 57P03}, and PostgreSQL comes back on the same data.
	 * @param downtime how long PostgreSQL stays down
	 */
	public void restart(Duration downtime) {
		try {
			server().restart(downtime);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not come back after a restart", ex);
		}
	}

	/**
	 * Open a JDBC connection to the real PostgreSQL as its superuser, bypassing the
	 * front, to arrange or inspect a test.
	 * @param endpoint the endpoint whose database to open
	 * @return a new connection
	 * @throws SQLException if the connection fails
	 */
	public Connection connectAsSuperuser(EmulatedEndpoint endpoint) throws SQLException {
		return server().connectAsSuperuser(endpoint.backendDatabase(LakebaseEmulator.DEFAULT_DATABASE));
	}

	void close() {
		this.fronts.values().forEach(EmulatedPostgres::closeQuietly);
		this.fronts.clear();
		this.pooledFronts.values().forEach(EmulatedPostgres::closeQuietly);
		this.pooledFronts.clear();
		this.secondaryFronts.forEach(EmulatedPostgres::closeQuietly);
		this.secondaryFronts.clear();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		EmbeddedPostgresServer current = this.server;
		this.server = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not stop the emulator's PostgreSQL", ex);
			}
		}
	}

	private static void closeQuietly(PostgresFront front) {
		try {
			front.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close an emulator front: {}", ex.toString());
		}
	}

	private ExecutorService executor() {
		return running(this.executor);
	}

	private ScheduledExecutorService scheduler() {
		return running(this.scheduler);
	}

	private EmbeddedPostgresServer server() {
		return running(this.server);
	}

	private static <T> T running(@Nullable T part) {
		if (part == null) {
			throw new IllegalStateException("The Lakebase emulator is not running");
		}
		return part;
	}

	static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
