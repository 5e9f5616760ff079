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

package dev.lakebase.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.PostgresAPI;
import dev.lakebase.spring.test.LakebaseEmulator;

/**
 * An emulator in a JVM of its own, for the start-up benchmarks. On Databricks Apps the
 * workspace and the database are other machines: the JVM whose start is measured must not
 * also serve the workspace's requests and relay the database's TLS, nor have loaded the
 * classes the emulator shares with the app (Jackson, the PostgreSQL driver) before the
 * app starts. The child prints nothing the parent reads: it writes the settings of the
 * variants to a file and runs until its standard input closes, so it ends with the JVM
 * that started it.
 */
final class EmulatorProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private static final String STARTER = "starter.";

	private static final String PLAIN = "plain.";

	private static final String NATIVE = "native.";

	private static final String HAND_WRITTEN_SDK = "sdk.";

	private final Process process;

	private final Path directory;

	private final Map<String, Object> starter = new LinkedHashMap<>();

	private final Map<String, Object> plain = new LinkedHashMap<>();

	private final Map<String, Object> nativePassword = new LinkedHashMap<>();

	private final Map<String, Object> handWrittenSdk = new LinkedHashMap<>();

	private EmulatorProcess(Process process, Path directory, Properties settings) {
		this.process = process;
		this.directory = directory;
		for (String name : settings.stringPropertyNames()) {
			if (name.startsWith(STARTER)) {
				this.starter.put(name.substring(STARTER.length()), settings.getProperty(name));
			}
			else if (name.startsWith(PLAIN)) {
				this.plain.put(name.substring(PLAIN.length()), settings.getProperty(name));
			}
			else if (name.startsWith(NATIVE)) {
				this.nativePassword.put(name.substring(NATIVE.length()), settings.getProperty(name));
			}
			else if (name.startsWith(HAND_WRITTEN_SDK)) {
				this.handWrittenSdk.put(name.substring(HAND_WRITTEN_SDK.length()), settings.getProperty(name));
			}
		}
	}

	/**
	 * Start an emulator in a child JVM and wait until it serves.
	 * @return the running emulator
	 */
	static EmulatorProcess start() {
		try {
			Path directory = Files.createTempDirectory("lakebase-emulator-process");
			Path settings = directory.resolve("settings.properties");
			Path log = directory.resolve("emulator.log");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					EmulatorProcess.class.getName(), settings.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (!Files.exists(settings)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					process.destroyForcibly();
					throw new IllegalStateException("The emulator's JVM did not start; its output:\n"
							+ (Files.exists(log) ? Files.readString(log) : "(none)"));
				}
				Thread.sleep(20);
			}
			Properties properties = new Properties();
			try (Reader reader = Files.newBufferedReader(settings)) {
				properties.load(reader);
			}
			return new EmulatorProcess(process, directory, properties);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the emulator's JVM", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the emulator's JVM started", ex);
		}
	}

	/**
	 * The variables a Databricks Apps database resource injects, for the starter.
	 * @return the variables ({@link Fixture#appsEnvironment})
	 */
	Map<String, Object> appsEnvironment() {
		return this.starter;
	}

	/**
	 * The properties of a plain {@code spring-boot-starter-jdbc} app on the same
	 * endpoint.
	 * @return the properties ({@link Fixture#plainProperties})
	 */
	Map<String, Object> plainProperties() {
		return this.plain;
	}

	/**
	 * The Databricks Apps variables with a native password, for the starter without the
	 * Databricks SDK.
	 * @return the variables ({@link Fixture#nativePasswordEnvironment})
	 */
	Map<String, Object> nativePasswordEnvironment() {
		return this.nativePassword;
	}

	/**
	 * The variables of an app that mints its credential through the Databricks SDK by
	 * hand.
	 * @return the variables ({@link Fixture#handWrittenSdkEnvironment})
	 */
	Map<String, Object> handWrittenSdkEnvironment() {
		return this.handWrittenSdk;
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			try (var files = Files.list(this.directory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(this.directory);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not stop the emulator's JVM", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Make the requests the measured app makes once, so that the emulator answers them
	 * warm, as a real workspace and database do: the starter's SDK calls on Databricks
	 * Apps (OAuth token, the listing by host, a credential) and a login of the plain
	 * variant's role through the TLS front.
	 */
	private static void warmUp(LakebaseEmulator emulator, String password) {
		Map<String, String> environment = emulator.environment();
		WorkspaceClient workspace = new WorkspaceClient(SdkFirstUseBenchmark.appsConfig(environment));
		PostgresAPI postgres = workspace.postgres();
		String endpoint = SdkFirstUseBenchmark.endpointByHost(postgres, environment.get("PGHOST"));
		postgres.generateDatabaseCredential(new GenerateDatabaseCredentialRequest().setEndpoint(endpoint));
		try (Connection connection = DriverManager.getConnection(emulator.jdbcUrl(emulator.endpoint()),
				Fixture.PLAIN_ROLE, password)) {
			connection.isValid(10);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The emulator's warm-up login failed", ex);
		}
	}

	/**
	 * The child: start an emulator with the plain variant's native role, write the
	 * settings of both variants to the file named by the argument, serve until standard
	 * input closes.
	 * @param args the file to write the settings to
	 * @throws IOException if the settings cannot be written
	 */
	public static void main(String[] args) throws IOException {
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().start()) {
			String password = UUID.randomUUID().toString();
			emulator.identities().addNativeRole(Fixture.PLAIN_ROLE, password);
			warmUp(emulator, password);
			Properties settings = new Properties();
			Fixture.appsEnvironment(emulator)
				.forEach((key, value) -> settings.setProperty(STARTER + key, String.valueOf(value)));
			Fixture.plainProperties(emulator, password)
				.forEach((key, value) -> settings.setProperty(PLAIN + key, String.valueOf(value)));
			Fixture.nativePasswordEnvironment(emulator, password)
				.forEach((key, value) -> settings.setProperty(NATIVE + key, String.valueOf(value)));
			Fixture.handWrittenSdkEnvironment(emulator)
				.forEach((key, value) -> settings.setProperty(HAND_WRITTEN_SDK + key, String.valueOf(value)));
			Path target = Path.of(args[0]);
			Path written = target.resolveSibling(target.getFileName() + ".tmp");
			try (Writer writer = Files.newBufferedWriter(written)) {
				settings.store(writer, null);
			}
			Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
			while (System.in.read() != -1) {
				// serve until the parent closes the pipe or ends
			}
		}
	}

}
