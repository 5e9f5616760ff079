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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Spring Boot's own extracted layout of an executable jar, made by the jar's
 * {@code jarmode=tools extract} (on the JVM that runs the build): {@code app.jar} with
 * the application's classes and a manifest {@code Class-Path} of {@code lib/*.jar}, in
 * the order of the jar's class path index.
 *
 * @author Lakebase Spring Boot contributors
 */
final class BootJarExtraction {

	private BootJarExtraction() {
	}

	static boolean isExecutableBootJar(Path jar) {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.getEntry("BOOT-INF/classes/") != null || zip.getEntry("BOOT-INF/lib/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void extract(Path jar, Path destination, Duration timeout) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", destination.toString(), "--application-filename", DeployLayout.APPLICATION_JAR);
		Path log = Files.createTempFile("lakebase-extract", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					throw new LayoutException("Spring Boot's extraction of " + jar + " did not finish within "
							+ timeout.toSeconds() + " s: does the jar's main class start the app whatever the "
							+ "jarmode? Its output:" + System.lineSeparator() + tail(log));
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while extracting " + jar, ex);
			}
			if (process.exitValue() != 0) {
				throw new LayoutException("Spring Boot's extraction of " + jar + " failed (exit " + process.exitValue()
						+ "). It needs the jar's tools (spring-boot-maven-plugin's " + "includeTools, on by default):"
						+ System.lineSeparator() + tail(log));
			}
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private static String tail(Path log) throws IOException {
		String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
		return (output.length() > 4000) ? "..." + output.substring(output.length() - 4000) : output;
	}

}
