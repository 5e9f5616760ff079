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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LakebaseEmulator}: starting, stopping and describing an emulator, and what it
 * leaves behind (nothing) when its JVM ends. What runs under it has tests of its own
 * ({@link EmulatedPostgresIntegrationTests}, {@link EndpointLifecycleIntegrationTests},
 * the fake workspace's).
 */
class LakebaseEmulatorIntegrationTests {

	@Test
	void startsOnlyDaemonThreadsSoThatAnApplicationThatReturnsFromMainEnds() {
		Set<Thread> before = liveNonDaemonThreads();
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().start()) {
			Set<Thread> started = liveNonDaemonThreads();
			started.removeAll(before);
			assertThat(started).extracting(Thread::getName).isEmpty();
		}
	}

	private static Set<Thread> liveNonDaemonThreads() {
		Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
		threads.removeIf((thread) -> thread.isDaemon() || !thread.isAlive());
		return threads;
	}

	@Test
	void startsAndStopsWithinGenerousBoundAndReleasesPorts() throws Exception {
		long started = System.nanoTime();
		int port;
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().start()) {
			port = emulator.endpoint().port();
			try (Connection connection = Sdk.connect(emulator, emulator.endpoint(),
					emulator.identities().servicePrincipal().roleName(),
					Sdk.mint(Sdk.m2m(emulator, emulator.identities().servicePrincipal()), emulator.endpoint()))) {
				assertThat(Sdk.queryString(connection, "SELECT 1")).isEqualTo("1");
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("Emulator start, one login and stop took " + elapsed.toMillis() + " ms");
		assertThat(elapsed).isLessThan(Duration.ofSeconds(60));
		try (var socket = new java.net.ServerSocket()) {
			socket.bind(new java.net.InetSocketAddress(LakebaseEmulator.LOOPBACK, port));
			assertThat(socket.isBound()).as("front port released").isTrue();
		}
	}

	@Test
	void environmentHoldsWhatDatabricksAppsInject() {
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().branch("feature-x").start()) {
			Map<String, String> env = emulator.environment();
			assertThat(env).containsOnlyKeys("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSSLMODE", "PGAPPNAME",
					"DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "LAKEBASE_ENDPOINT");
			assertThat(env).containsEntry("PGUSER", emulator.identities().servicePrincipal().clientId())
				.containsEntry("PGSSLMODE", "require")
				.containsEntry("PGDATABASE", "databricks_postgres")
				.containsEntry("LAKEBASE_ENDPOINT", "projects/emulator/branches/production/endpoints/primary")
				.containsEntry("DATABRICKS_HOST", emulator.workspace().url());
			assertThat(emulator.springProperties()).containsEntry("lakebase.host", env.get("PGHOST"))
				.containsEntry("lakebase.databricks.client-id", env.get("DATABRICKS_CLIENT_ID"))
				.containsEntry("lakebase.endpoint", env.get("LAKEBASE_ENDPOINT"));
			EmulatedEndpoint branch = emulator.branchEndpoint("feature-x");
			assertThat(branch.host()).as("each endpoint has its own host").isNotEqualTo(emulator.endpoint().host());
			assertThat(emulator.environment(emulator.identities().user(), branch)).containsKey("DATABRICKS_TOKEN")
				.doesNotContainKey("DATABRICKS_CLIENT_SECRET")
				.containsEntry("LAKEBASE_ENDPOINT", "projects/emulator/branches/feature-x/endpoints/primary");
		}
	}

	@Test
	void anEmulatorThatIsNotStartedHasNoWorkspace() {
		LakebaseEmulator notStarted = LakebaseEmulator.builder().build();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> notStarted.workspace().url());
	}

	@Test
	void processStoppedWithSigtermLeavesNoEmulatorDirectoryBehind(@TempDir Path tmp) throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			StringBuilder seen = new StringBuilder();
			String line;
			while ((line = output.readLine()) != null && !line.contains("EMULATOR READY")) {
				seen.append(line).append('\n');
			}
			assertThat(line).as(seen::toString).isNotNull();
			assertThat(emulatorDirectories(tmp)).as("while it runs").hasSize(1);
			process.destroy();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		assertThat(emulatorDirectories(tmp)).as("after SIGTERM").isEmpty();
	}

	@Test
	void postgresOfAKilledJvmIsStoppedAndRemovedByTheNextEmulatorButThatOfALiveOneIsNot(@TempDir Path tmp)
			throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName())
			.redirectErrorStream(true)
			.start();
		ProcessHandle orphan;
		Path orphanDirectory;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null && !line.contains("EMULATOR READY")) {
				// its start-up lines
			}
			assertThat(line).isNotNull();
			orphanDirectory = emulatorDirectories(tmp).get(0);
			long postgresPid = Long
				.parseLong(Files.readAllLines(orphanDirectory.resolve("data").resolve("postmaster.pid")).get(0).trim());
			orphan = ProcessHandle.of(postgresPid).orElseThrow();
			process.destroyForcibly();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		try {
			Thread.sleep(500);
			assertThat(orphan.isAlive()).as("PostgreSQL outlives the killed JVM").isTrue();
			Path live = Files.createDirectory(tmp.resolve("lbemu-of-a-live-jvm"));
			Files.writeString(live.resolve("owner.properties"), "pid=" + ProcessHandle.current().pid() + "\n");
			try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(10, tmp)) {
				server.execute("postgres", "SELECT 1");
				orphan.onExit().get(60, TimeUnit.SECONDS);
				assertThat(orphan.isAlive()).isFalse();
				assertThat(orphanDirectory).doesNotExist();
				assertThat(live).as("the directory of a JVM that runs").exists();
				assertThat(emulatorDirectories(tmp)).hasSize(2);
			}
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	private static List<Path> emulatorDirectories(Path tmp) throws IOException {
		try (Stream<Path> entries = Files.list(tmp)) {
			return entries.filter((entry) -> entry.getFileName().toString().startsWith("lbemu")).toList();
		}
	}

	@Test
	void postgresThatDoesNotStartLeavesNoDirectoryBehind(@TempDir Path parent) throws Exception {
		// Above PostgreSQL's limit, which the builder would not let through
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> new EmbeddedPostgresServer(300_000, parent).close());
		try (Stream<Path> left = Files.list(parent)) {
			assertThat(left).as("left in the emulator's parent directory").isEmpty();
		}
	}

}
