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

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL 17 behind the emulator, from the embedded binaries. Host
 * connections need {@code scram-sha-256}; the emulator's front reaches it through a
 * private Unix socket, where it has already authenticated the client with its token.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EmbeddedPostgresServer implements Closeable {

	static final String SUPERUSER = "postgres";

	private static final String BOOTSTRAP_HBA = """
			local all all trust
			host all %s 127.0.0.1/32 trust
			""".formatted(SUPERUSER);

	private static final String HBA = """
			local all all trust
			host all all 127.0.0.1/32 scram-sha-256
			""";

	/**
	 * Longest directory the relay's Unix socket ({@code .s.PGSQL.NNNNN.lock} in it) may
	 * lie in: the kernel takes socket paths of at most 107 bytes.
	 */
	private static final int MAX_SOCKET_DIRECTORY_LENGTH = 107 - ".s.PGSQL.65535.lock".length() - 1;

	private final Path socketDirectory;

	/**
	 * Where PostgreSQL puts its Unix socket: the emulator's directory, or, when that path
	 * is too long for a socket (a deep {@code java.io.tmpdir}), a short one of its own.
	 */
	private final Path unixSocketDirectory;

	private final Path hbaFile;

	private final int maxConnections;

	private volatile EmbeddedPostgres postgres;

	private final String superuserPassword;

	EmbeddedPostgresServer(int maxConnections) throws IOException {
		this(maxConnections, Path.of(System.getProperty("java.io.tmpdir")));
	}

	EmbeddedPostgresServer(int maxConnections, Path parent) throws IOException {
		OrphanedServers.reap(parent);
		this.socketDirectory = Files.createTempDirectory(parent, OrphanedServers.PREFIX);
		this.unixSocketDirectory = socketDirectoryFor(this.socketDirectory);
		OrphanedServers.recordOwner(this.socketDirectory, this.unixSocketDirectory);
		this.maxConnections = maxConnections;
		this.hbaFile = this.socketDirectory.resolve("pg_hba.conf");
		try {
			Files.writeString(this.hbaFile, BOOTSTRAP_HBA);
			this.postgres = start(0);
		}
		catch (IOException | RuntimeException | Error ex) {
			// PostgreSQL did not start: nothing to stop, only the directories to remove
			deleteRecursively(this.socketDirectory);
			deleteRecursively(this.unixSocketDirectory);
			throw ex;
		}
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		this.superuserPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + this.superuserPassword + "'");
			Files.writeString(this.hbaFile, HBA);
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			close();
			throw new IOException("Could not prepare the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Start PostgreSQL on the data directory, which is created and initialized on first
	 * start and kept across restarts.
	 */
	private EmbeddedPostgres start(int port) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.socketDirectory.resolve("data"))
			.setCleanDataDirectory(false)
			// The emulator's own hook stops PostgreSQL and then removes the directory; a
			// second hook stopping it at the same time would race the removal
			.setRegisterShutdownHook(false)
			.setServerConfig("listen_addresses", LakebaseEmulator.LOOPBACK)
			.setServerConfig("unix_socket_directories", this.unixSocketDirectory.toString())
			.setServerConfig("hba_file", this.hbaFile.toString())
			.setServerConfig("max_connections", Integer.toString(this.maxConnections))
			.setServerConfig("password_encryption", "scram-sha-256");
		if (port != 0) {
			builder.setPort(port);
		}
		return builder.start();
	}

	/**
	 * Stop PostgreSQL (fast shutdown: sessions end, in-flight statements fail), wait, and
	 * start it again on the same data, port and socket.
	 * @param downtime how long it stays down
	 * @throws IOException if it does not come back
	 */
	synchronized void restart(Duration downtime) throws IOException {
		int port = port();
		this.postgres.close();
		try {
			Thread.sleep(downtime.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// The start-up check connects as the superuser over TCP without a password.
		Files.writeString(this.hbaFile, BOOTSTRAP_HBA);
		this.postgres = start(port);
		Files.writeString(this.hbaFile, HBA);
		execute("postgres", "SELECT pg_reload_conf()");
	}

	int port() {
		return this.postgres.getPort();
	}

	Path unixSocket() {
		return this.unixSocketDirectory.resolve(".s.PGSQL." + port());
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + LakebaseEmulator.LOOPBACK + ":" + port() + "/" + database;
	}

	Connection connectAsSuperuser(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, this.superuserPassword);
	}

	void execute(String database, String... statements) {
		try (Connection connection = connectAsSuperuser(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Emulator setup statement failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.postgres != null) {
				this.postgres.close();
			}
		}
		finally {
			deleteRecursively(this.socketDirectory);
			deleteRecursively(this.unixSocketDirectory);
		}
	}

	private static Path socketDirectoryFor(Path directory) throws IOException {
		if (directory.toString().length() <= MAX_SOCKET_DIRECTORY_LENGTH) {
			return directory;
		}
		Path tmp = Path.of("/tmp");
		if (!Files.isDirectory(tmp) || !Files.isWritable(tmp)) {
			throw new IOException("The emulator's directory " + directory + " is too long for a Unix socket path ("
					+ MAX_SOCKET_DIRECTORY_LENGTH + " characters at most) and /tmp is not writable: set "
					+ "java.io.tmpdir to a shorter directory");
		}
		return Files.createTempDirectory(tmp, "lbs");
	}

	static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temporary directory left behind is harmless
		}
	}

}
