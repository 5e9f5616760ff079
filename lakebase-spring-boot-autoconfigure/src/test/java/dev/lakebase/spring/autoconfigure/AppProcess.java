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

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a small application of the tests as a separate process (the test class path, a
 * working directory and an environment of the test's choice), so that what reads real
 * environment variables or the working directory sees what the test set: no inherited
 * {@code PG*}, {@code DATABRICKS_*}, {@code LAKEBASE_*}, {@code SPRING_*}, {@code OTEL_*}
 * or {@code MANAGEMENT_*} variable.
 */
final class AppProcess {

	private static final List<String> CLEARED = List.of("PG", "DATABRICKS_", "LAKEBASE_", "SPRING_", "OTEL_",
			"MANAGEMENT_");

	private AppProcess() {
	}

	static Result run(Class<?> main, Path directory, Map<String, String> environment)
			throws IOException, InterruptedException {
		return run(main, directory, environment, (entry) -> false);
	}

	/**
	 * Run the application with the test class path entries that the given predicate
	 * selects on the module path instead, each resolved as a named module.
	 * @param main the main class
	 * @param directory the working directory
	 * @param environment variables to set
	 * @param onModulePath selects class path entries by their path
	 * @return the exit code and output
	 */
	static Result run(Class<?> main, Path directory, Map<String, String> environment, Predicate<Path> onModulePath)
			throws IOException, InterruptedException {
		List<String> classPath = new ArrayList<>();
		List<String> modulePath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			(onModulePath.test(Path.of(entry)) ? modulePath : classPath).add(entry);
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (!modulePath.isEmpty()) {
			command.add("--module-path");
			command.add(String.join(File.pathSeparator, modulePath));
			command.add("--add-modules");
			command.add("ALL-MODULE-PATH");
		}
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classPath));
		command.add(main.getName());
		command.add("--spring.main.banner-mode=off");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> CLEARED.stream().anyMatch(name::startsWith));
		builder.environment().putAll(environment);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Result(int exitCode, String output) {

	}

}
