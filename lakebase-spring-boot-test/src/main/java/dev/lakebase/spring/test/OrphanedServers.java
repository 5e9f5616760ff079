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
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator directories that a JVM killed without its shutdown hook (a
 * {@code kill -9}, a crashed fork) leaves behind with their PostgreSQL still running.
 * Each emulator writes the process id of its JVM beside its data directory; each start
 * stops the PostgreSQL of a directory whose JVM is gone, and removes the directory. A
 * directory whose JVM lives (a parallel fork, another build) is never touched. Works from
 * {@link ProcessHandle}, on every platform the PostgreSQL binaries ship for.
 *
 * @author Lakebase Spring Boot contributors
 */
final class OrphanedServers {

	static final String PREFIX = "lbemu";

	private static final String OWNER_FILE = "owner.properties";

	private static final Logger logger = LoggerFactory.getLogger(OrphanedServers.class);

	private OrphanedServers() {
	}

	/**
	 * Record this JVM as the owner of an emulator directory.
	 * @param directory the emulator's directory
	 * @param socketDirectory where its PostgreSQL's Unix socket is, which may lie
	 * elsewhere
	 * @throws IOException if the record cannot be written
	 */
	static void recordOwner(Path directory, Path socketDirectory) throws IOException {
		ProcessHandle self = ProcessHandle.current();
		Properties owner = new Properties();
		owner.setProperty("pid", Long.toString(self.pid()));
		self.info().startInstant().ifPresent((start) -> owner.setProperty("start", start.toString()));
		owner.setProperty("socket", socketDirectory.toString());
		try (var out = Files.newBufferedWriter(directory.resolve(OWNER_FILE), StandardCharsets.UTF_8)) {
			owner.store(out, "The JVM that runs this Lakebase emulator");
		}
	}

	/**
	 * Stop and remove the emulators under a directory whose JVM is no longer running.
	 * @param parent where emulators make their directories
	 * @return the directories removed
	 */
	static List<Path> reap(Path parent) {
		List<Path> removed = new ArrayList<>();
		try (DirectoryStream<Path> directories = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path directory : directories) {
				Properties owner = owner(directory);
				if (owner != null && !alive(owner)) {
					reap(directory, owner);
					removed.add(directory);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not look for Lakebase emulators left behind in {}", parent, ex);
		}
		return removed;
	}

	private static void reap(Path directory, Properties owner) {
		Optional<ProcessHandle> postgres = postmaster(directory);
		postgres.ifPresent(OrphanedServers::stop);
		EmbeddedPostgresServer.deleteRecursively(directory);
		String socket = owner.getProperty("socket");
		if (socket != null && !Path.of(socket).equals(directory)) {
			EmbeddedPostgresServer.deleteRecursively(Path.of(socket));
		}
		logger.info("Removed the Lakebase emulator {} of process {}, which is no longer running{}", directory,
				owner.getProperty("pid"),
				postgres.map((process) -> ", and stopped its PostgreSQL (process " + process.pid() + ")").orElse(""));
	}

	/**
	 * The PostgreSQL server of the directory's data, if it still runs: the process id in
	 * {@code postmaster.pid}, if that process is a PostgreSQL started on this data
	 * directory (a process id the system has given to another program is left alone).
	 */
	private static Optional<ProcessHandle> postmaster(Path directory) {
		Path data = directory.resolve("data");
		Path pidFile = data.resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				return Optional.empty();
			}
			long pid = Long.parseLong(lines.get(0).trim());
			String directoryName = String.valueOf(directory.getFileName());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> isPostgresOf(process, directoryName));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgresOf(ProcessHandle process, String directoryName) {
		ProcessHandle.Info info = process.info();
		Optional<String> commandLine = info.commandLine();
		if (commandLine.isPresent()) {
			return commandLine.get().contains(directoryName);
		}
		return info.command().map((command) -> command.contains("postgres")).orElse(false);
	}

	private static void stop(ProcessHandle postgres) {
		try {
			postgres.destroy();
			postgres.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			postgres.destroyForcibly();
			try {
				postgres.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ignored) {
				// what is left is reported by the directory that could not be removed
			}
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static @Nullable Properties owner(Path directory) {
		Path file = directory.resolve(OWNER_FILE);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		Properties owner = new Properties();
		try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			owner.load(in);
			return (owner.getProperty("pid") != null) ? owner : null;
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Whether the JVM that owns a directory still runs: its process id is alive and, when
	 * both are known, started when the record says (not a later process given the same
	 * id).
	 */
	private static boolean alive(Properties owner) {
		Optional<ProcessHandle> process;
		try {
			process = ProcessHandle.of(Long.parseLong(owner.getProperty("pid").trim()));
		}
		catch (NumberFormatException ex) {
			return true;
		}
		if (process.isEmpty() || !process.get().isAlive()) {
			return false;
		}
		String recorded = owner.getProperty("start");
		Optional<Instant> started = process.get().info().startInstant();
		return recorded == null || started.isEmpty() || Instant.parse(recorded).equals(started.get());
	}

}
