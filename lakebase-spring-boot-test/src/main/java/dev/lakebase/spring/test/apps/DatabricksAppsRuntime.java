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

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
		copy(deployDirectory, app);
		Path venv = work.resolve("venv");
		run(List.of(python(), "-m", "venv", venv.toString()), work, "creating the Python virtual environment");
		run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--no-index",
				"--disable-pip-version-check", "--find-links", wheelhouse.toString(), "-r",
				app.resolve("requirements.txt").toString()), work,
				"installing requirements.txt into the virtual environment");
		return new Installation(app, venv, work.resolve("app.log"), readAppYaml(app.resolve("app.yaml")));
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

	private static String python() {
		String path = System.getenv("PATH");
		for (String name : List.of("python3", "python")) {
			Path found = onPath(name, (path != null) ? path : "");
			if (found != null) {
				return found.toString();
			}
		}
		throw new IllegalStateException("Running a deploy directory as Databricks Apps do needs python3 "
				+ "(3.11, as on Apps) with the venv module on PATH; none found on " + path);
	}

	private static @Nullable Path onPath(String name, String path) {
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static void run(List<String> command, Path directory, String step) throws IOException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException(step + " did not finish within 10 minutes: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while " + step, ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException(step + " failed (" + String.join(" ", command) + "): " + output);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : (Iterable<Path>) paths.sorted()::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	private static Map<String, Object> readAppYaml(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			if (!(yaml instanceof Map<?, ?> map)) {
				throw new IOException(file + " is not a YAML mapping");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> descriptor = (Map<String, Object>) map;
			return descriptor;
		}
	}

	private static List<String> command(Map<String, Object> descriptor) throws IOException {
		if (!(descriptor.get("command") instanceof List<?> list) || list.isEmpty()) {
			throw new IOException("app.yaml has no command list");
		}
		return list.stream().map(String::valueOf).toList();
	}

	private static Map<String, String> appYamlEnv(Map<String, Object> descriptor) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		if (descriptor.get("env") instanceof List<?> entries) {
			for (Object entry : entries) {
				if (!(entry instanceof Map<?, ?> variable) || !(variable.get("name") instanceof String name)) {
					throw new IOException("app.yaml env entry without a name: " + entry);
				}
				if (variable.get("value") == null) {
					throw new IOException("app.yaml env " + name
							+ " takes its value from an app resource (valueFrom), which this runtime does not have");
				}
				env.put(name, String.valueOf(variable.get("value")));
			}
		}
		return env;
	}

	/**
	 * An app installed as the platform installs it, ready to start.
	 */
	public static final class Installation {

		private final Path app;

		private final Path venv;

		private final Path log;

		private final Map<String, Object> descriptor;

		private Installation(Path app, Path venv, Path log, Map<String, Object> descriptor) {
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
			try {
				return DatabricksAppsRuntime.command(this.descriptor);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
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
			env.putAll(appYamlEnv(this.descriptor));
			String path = this.venv.resolve("bin").toString();
			env.put("PATH", path);
			env.remove("JAVA_HOME");
			List<String> command = command();
			if (onPath("java", path) != null) {
				throw new IllegalStateException("java is on the app's PATH (" + path + "); the Apps runtime has none");
			}
			Path executable = onPath(command.get(0), path);
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
