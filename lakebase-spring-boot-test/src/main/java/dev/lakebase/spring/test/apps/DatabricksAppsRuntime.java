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

package dev.lakebase.spring.test.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a Databricks Apps deploy directory on this machine the way the Apps runtime runs
 * it: every file checked against the platform's 10 MB limit, the directory copied into an
 * empty one, a fresh Python virtual environment into which {@code requirements.txt} is
 * installed (offline, from a wheelhouse such as {@link Jdk4pyStandIn}'s), then
 * {@code app.yaml}'s {@code command} executed as a list from the app directory with no
 * {@code java} on {@code PATH}, no {@code JAVA_HOME}, and only the variables the caller
 * gives (the ones Apps inject) plus {@code app.yaml}'s {@code env}.
 *
 * <pre class="code">
 * try (DatabricksAppsRuntime app = DatabricksAppsRuntime.deploy(Path.of("target/databricks-app"),
 *         work, wheelhouse, Map.of("DATABRICKS_APP_PORT", "8000", ...))) {
 *     ...
 * }
 * </pre>
 *
 * Needs {@code python3} with the {@code venv} module on this machine's {@code PATH}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class DatabricksAppsRuntime implements AutoCloseable {

	/** Largest file the platform accepts in an app (10 MB). */
	public static final long MAX_FILE_SIZE = 10_000_000;

	private final Path appDirectory;

	private final Path log;

	private final List<String> command;

	private final Process process;

	private DatabricksAppsRuntime(Path appDirectory, Path log, List<String> command, Process process) {
		this.appDirectory = appDirectory;
		this.log = log;
		this.command = command;
		this.process = process;
	}

	/**
	 * Deploys and starts an app.
	 * @param deployDirectory the directory that would be uploaded
	 * @param work an empty directory for the app, its virtual environment and its log
	 * @param wheelhouse where {@code pip} finds the requirements (no index is used)
	 * @param environment the variables Databricks Apps inject
	 * @return the running app
	 * @throws IOException if a step fails; the message says which and why
	 */
	public static DatabricksAppsRuntime deploy(Path deployDirectory, Path work, Path wheelhouse,
			Map<String, String> environment) throws IOException {
		return install(deployDirectory, work, wheelhouse).start(environment);
	}

	/**
	 * Installs an app as the platform does before it starts it: the file sizes checked,
	 * the directory copied, the virtual environment created and {@code requirements.txt}
	 * installed into it.
	 * @param deployDirectory the directory that would be uploaded
	 * @param work an empty directory for the app, its virtual environment and its log
	 * @param wheelhouse where {@code pip} finds the requirements (no index is used)
	 * @return the installed app, to start once or more
	 * @throws IOException if a step fails; the message says which and why
	 */
	public static Installation install(Path deployDirectory, Path work, Path wheelhouse) throws IOException {
		checkFileSizes(deployDirectory);
		Path app = work.resolve("app");
		HostTools.copy(deployDirectory, app);
		Path venv = work.resolve("venv");
		HostTools.run(List.of(HostTools.python(), "-m", "venv", venv.toString()), work,
				"creating the Python virtual environment");
		HostTools.run(
				List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--no-index",
						"--disable-pip-version-check", "--find-links", wheelhouse.toString(), "-r",
						app.resolve("requirements.txt").toString()),
				work, "installing requirements.txt into the virtual environment");
		return new Installation(app, venv, work.resolve("app.log"), AppYaml.read(app.resolve("app.yaml")));
	}

	/**
	 * Checks every file of a deploy directory against {@link #MAX_FILE_SIZE}.
	 * @param deployDirectory the directory
	 * @throws IOException if it cannot be read
	 * @throws IllegalStateException naming each file over the limit
	 */
	public static void checkFileSizes(Path deployDirectory) throws IOException {
		List<String> over = new ArrayList<>();
		try (Stream<Path> files = Files.walk(deployDirectory)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				if (Files.size(file) > MAX_FILE_SIZE) {
					over.add(deployDirectory.relativize(file) + " (" + Files.size(file) + " bytes)");
				}
			}
		}
		if (!over.isEmpty()) {
			throw new IllegalStateException("Databricks Apps reject files over 10 MB: " + over);
		}
	}

	/**
	 * Returns the directory the app runs in (the copy of the deploy directory).
	 * @return the app directory
	 */
	public Path appDirectory() {
		return this.appDirectory;
	}

	/**
	 * Returns the command as {@code app.yaml} gives it.
	 * @return the command
	 */
	public List<String> command() {
		return this.command;
	}

	/**
	 * Returns the app's process (the JVM, once the launcher has replaced itself with it).
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * Returns what the app printed so far.
	 * @return the log
	 */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops the app as the platform does: SIGTERM, then SIGKILL after 30 seconds.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * An app installed as the platform installs it, ready to start.
	 */
	public static final class Installation {

		private final Path app;

		private final Path venv;

		private final Path log;

		private final AppYaml descriptor;

		private Installation(Path app, Path venv, Path log, AppYaml descriptor) {
			this.app = app;
			this.venv = venv;
			this.log = log;
			this.descriptor = descriptor;
		}

		/**
		 * Returns the directory the app runs in (the copy of the deploy directory).
		 * @return the app directory
		 */
		public Path appDirectory() {
			return this.app;
		}

		/**
		 * Returns the command as {@code app.yaml} gives it.
		 * @return the command
		 */
		public List<String> command() {
			return this.descriptor.command();
		}

		/**
		 * Runs {@code app.yaml}'s command from the app directory with no {@code java} on
		 * {@code PATH}, no {@code JAVA_HOME}, and only the given variables plus
		 * {@code app.yaml}'s {@code env}; the output goes to a log that each start
		 * replaces.
		 * @param environment the variables Databricks Apps inject
		 * @return the running app
		 * @throws IOException if the command cannot be found or started
		 */
		public DatabricksAppsRuntime start(Map<String, String> environment) throws IOException {
			Map<String, String> env = new LinkedHashMap<>(environment);
			env.putAll(this.descriptor.env());
			String path = this.venv.resolve("bin").toString();
			env.put("PATH", path);
			env.remove("JAVA_HOME");
			List<String> command = command();
			if (HostTools.onPath("java", path) != null) {
				throw new IllegalStateException("java is on the app's PATH (" + path + "); the Apps runtime has none");
			}
			Path executable = HostTools.onPath(command.get(0), path);
			if (executable == null) {
				throw new IOException(
						"app.yaml's command " + command.get(0) + " is not on the app's PATH (" + path + ")");
			}
			List<String> resolved = new ArrayList<>(command);
			resolved.set(0, executable.toString());
			ProcessBuilder builder = new ProcessBuilder(resolved).directory(this.app.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile());
			builder.environment().clear();
			builder.environment().putAll(env);
			return new DatabricksAppsRuntime(this.app, this.log, command, builder.start());
		}

	}

}
