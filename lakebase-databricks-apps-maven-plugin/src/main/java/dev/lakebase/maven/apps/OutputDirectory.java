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

package dev.lakebase.maven.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The deploy directory the plugin empties before it writes: only one inside the build
 * directory, or one that holds an {@code app.yaml} the plugin wrote, never anything else
 * a misconfigured {@code outputDirectory} could name (the project, a home directory).
 *
 * @author Lakebase Spring Boot contributors
 */
final class OutputDirectory {

	private OutputDirectory() {
	}

	/**
	 * Whether the plugin may empty a directory.
	 * @param output the directory, absolute and normalized
	 * @param buildDirectory the project's build directory, absolute and normalized
	 * @return whether it does not exist, is below the build directory, or holds the
	 * plugin's {@code app.yaml}
	 * @throws IOException if its {@code app.yaml} cannot be read
	 */
	static boolean mayEmpty(Path output, Path buildDirectory) throws IOException {
		if (!Files.exists(output)) {
			return true;
		}
		if (output.startsWith(buildDirectory) && !output.equals(buildDirectory)) {
			return true;
		}
		Path descriptor = output.resolve("app.yaml");
		if (!Files.isRegularFile(descriptor)) {
			return false;
		}
		try (BufferedReader reader = Files.newBufferedReader(descriptor, StandardCharsets.UTF_8)) {
			String first = reader.readLine();
			return first != null && first.startsWith(AppDescriptor.HEADER);
		}
	}

	static void empty(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

}
