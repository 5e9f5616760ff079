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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What the Apps runtime stand-in uses of this machine: {@code python3}, executables on a
 * {@code PATH}, commands run to the end, and directory copies.
 *
 * @author Lakebase Spring Boot contributors
 */
final class HostTools {

	private HostTools() {
	}

	static String python() {
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

	static @Nullable Path onPath(String name, String path) {
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

	static void run(List<String> command, Path directory, String step) throws IOException {
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

	static void copy(Path from, Path to) throws IOException {
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

}
