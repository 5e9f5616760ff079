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
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JarSplitterTests {

	private static final long LIMIT = 1_000_000;

	@TempDir
	Path directory;

	@Test
	void partsStayUnderTheLimitAndTogetherServeEveryEntry() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 30; i++) {
			entries.put("com/example/p" + (i % 4) + "/Entry" + i + ".bin", TestJars.random(100_000, i));
		}
		Path jar = TestJars.write(this.directory.resolve("big.jar"),
				Map.of("Implementation-Version", "7.1", "Sealed", "true", "Class-Path", "other.jar"), entries);
		List<Path> parts = new JarSplitter(LIMIT, EntryTime.of(null)).split(jar, this.directory, "big");
		assertThat(parts).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy((part) -> assertThat(Files.size(part)).isLessThanOrEqualTo(LIMIT));
		assertThat(parts.get(0).getFileName()).hasToString("big-part1.jar");
		try (URLClassLoader loader = new URLClassLoader(urls(parts), null)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				try (InputStream in = loader.getResourceAsStream(entry.getKey())) {
					assertThat(in).as(entry.getKey()).isNotNull();
					assertThat(in.readAllBytes()).as(entry.getKey()).isEqualTo(entry.getValue());
				}
			}
			assertThat(Collections.list(loader.getResources("com/example/p1/")))
				.as("directory entries for class path scanning")
				.isNotEmpty();
		}
		for (Path part : parts) {
			try (JarFile file = new JarFile(part.toFile())) {
				assertThat(file.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo("7.1");
				assertThat(file.getManifest().getMainAttributes().getValue("Sealed")).isNull();
				assertThat(file.getManifest().getMainAttributes().getValue("Class-Path")).isNull();
			}
		}
	}

	@Test
	void directoryEntriesAreCountedSoAJarOfManyDirectoriesSplitsUnderTheLimit() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 6000; i++) {
			entries.put("META-INF/resources/webjars/assets/module-" + i + "/dist/esm/file.js", TestJars.random(150, i));
		}
		Path jar = TestJars.write(this.directory.resolve("assets.jar"), Map.of(), entries);
		assertThat(Files.size(jar)).isGreaterThan(2 * LIMIT);
		List<Path> parts = new JarSplitter(LIMIT, EntryTime.of(null)).split(jar, this.directory, "assets");
		assertThat(parts).allSatisfy((part) -> assertThat(Files.size(part)).isLessThanOrEqualTo(LIMIT));
		try (URLClassLoader loader = new URLClassLoader(urls(parts), null)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				try (InputStream in = loader.getResourceAsStream(entry.getKey())) {
					assertThat(in).as(entry.getKey()).isNotNull();
					assertThat(in.readAllBytes()).as(entry.getKey()).isEqualTo(entry.getValue());
				}
			}
		}
	}

	@Test
	void theSameJarGivesTheSameBytesAtTheProjectsOutputTimestamp() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			entries.put("com/example/p" + (i % 3) + "/Entry" + i + ".bin", TestJars.random(100_000, i));
		}
		Path jar = TestJars.write(this.directory.resolve("big.jar"), Map.of(), entries);
		List<byte[]> first = splitInto(jar, "first", EntryTime.of(null));
		Thread.sleep(2100);
		assertThat(splitInto(jar, "second", EntryTime.of(null))).as("without an output timestamp")
			.containsExactlyElementsOf(first);
		List<byte[]> stamped = splitInto(jar, "stamped", EntryTime.of("2026-01-01T00:00:00Z"));
		assertThat(splitInto(jar, "seconds", EntryTime.of("1767225600"))).containsExactlyElementsOf(stamped);
		Path part = this.directory.resolve("stamped").resolve("big-part1.jar");
		try (JarFile file = new JarFile(part.toFile())) {
			assertThat(Collections.list(file.entries()))
				.filteredOn((entry) -> entry.isDirectory() || entry.getName().equals(JarFile.MANIFEST_NAME))
				.isNotEmpty()
				.allSatisfy((entry) -> assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0)));
		}
	}

	private List<byte[]> splitInto(Path jar, String name, EntryTime time) throws IOException {
		Path into = Files.createDirectories(this.directory.resolve(name));
		List<byte[]> bytes = new ArrayList<>();
		for (Path part : new JarSplitter(LIMIT, time).split(jar, into, "big")) {
			bytes.add(Files.readAllBytes(part));
		}
		return bytes;
	}

	@Test
	void multiReleaseVariantsStayInThePartOfTheirBaseEntry() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			entries.put("a/C" + i + ".class", TestJars.random(150_000, i));
		}
		for (int i = 0; i < 12; i++) {
			entries.put("META-INF/versions/21/a/C" + i + ".class", TestJars.random(100_000, 100 + i));
		}
		Path jar = TestJars.write(this.directory.resolve("mr.jar"), Map.of("Multi-Release", "true"), entries);
		List<Path> parts = new JarSplitter(LIMIT, EntryTime.of(null)).split(jar, this.directory, "mr");
		assertThat(parts).hasSizeGreaterThan(1);
		for (Path part : parts) {
			try (JarFile file = new JarFile(part.toFile())) {
				assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
				List<String> names = new ArrayList<>();
				for (JarEntry entry : Collections.list(file.entries())) {
					names.add(entry.getName());
				}
				names.stream()
					.filter((name) -> name.startsWith("META-INF/versions/21/") && name.endsWith(".class"))
					.forEach((name) -> assertThat(names).contains(name.substring("META-INF/versions/21/".length())));
			}
		}
	}

	@Test
	void entryOverTheLimitFailsNamingTheJarAndTheEntry() throws Exception {
		Path jar = TestJars.write(this.directory.resolve("model-1.0.jar"), Map.of(),
				Map.of("small.txt", new byte[10], "models/weights.bin", TestJars.random(1_200_000, 1)));
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> new JarSplitter(LIMIT, EntryTime.of(null)).split(jar, this.directory, "model"))
			.withMessageContaining("model-1.0.jar holds models/weights.bin (1.2 MB compressed)")
			.withMessageContaining("a single entry cannot be split");
	}

	@Test
	void signedJarIsNotSplit() throws Exception {
		Path jar = TestJars.write(this.directory.resolve("signed.jar"), Map.of(), Map.of("META-INF/SIGNER.SF",
				new byte[10], "META-INF/SIGNER.RSA", new byte[10], "x.bin", TestJars.random(1_500_000, 2)));
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> new JarSplitter(LIMIT, EntryTime.of(null)).split(jar, this.directory, "signed"))
			.withMessageStartingWith("signed.jar is signed (META-INF/SIGNER.")
			.withMessageEndingWith("so it cannot be split");
	}

	private static URL[] urls(List<Path> parts) throws IOException {
		URL[] urls = new URL[parts.size()];
		for (int i = 0; i < urls.length; i++) {
			urls[i] = parts.get(i).toUri().toURL();
		}
		return urls;
	}

}
