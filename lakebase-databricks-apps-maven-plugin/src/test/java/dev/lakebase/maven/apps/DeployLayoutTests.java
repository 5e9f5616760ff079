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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeployLayoutTests {

	private static final long LIMIT = 10_000_000;

	private final List<String> log = new ArrayList<>();

	@TempDir
	Path directory;

	@Test
	void libraryOverTheLimitIsReplacedOnTheClassPathByItsPartsInPlace() throws Exception {
		writeApplication("lib/first.jar lib/big-1.0.jar lib/last.jar", Map.of("app/Main.class", new byte[100]));
		TestJars.write(this.directory.resolve("lib/first.jar"), Map.of(), Map.of("f.txt", new byte[1]));
		TestJars.write(this.directory.resolve("lib/last.jar"), Map.of(), Map.of("l.txt", new byte[1]));
		TestJars.write(this.directory.resolve("lib/big-1.0.jar"), Map.of(), entries(24, 1_000_000));
		new DeployLayout(LIMIT, EntryTime.of(null), this.log::add).fitToLimit(this.directory);
		assertThat(classPath())
			.isEqualTo("lib/first.jar lib/big-1.0-part1.jar lib/big-1.0-part2.jar lib/big-1.0-part3.jar lib/last.jar");
		assertThat(this.directory.resolve("lib/big-1.0.jar")).doesNotExist();
		assertThat(files()).allSatisfy((file) -> assertThat(Files.size(file)).isLessThanOrEqualTo(LIMIT));
		assertThat(this.log).singleElement().asString().startsWith("Split lib/big-1.0.jar (24.0 MB) into");
		try (JarFile application = new JarFile(this.directory.resolve("app.jar").toFile())) {
			assertThat(application.getEntry("app/Main.class")).isNotNull();
			assertThat(application.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("app.Main");
		}
	}

	@Test
	void applicationOverTheLimitMovesIntoPartsAheadOfTheLibraries() throws Exception {
		writeApplication("lib/first.jar", entries(12, 1_000_000));
		TestJars.write(this.directory.resolve("lib/first.jar"), Map.of(), Map.of("f.txt", new byte[1]));
		new DeployLayout(LIMIT, EntryTime.of(null), this.log::add).fitToLimit(this.directory);
		assertThat(classPath()).isEqualTo("lib/application-part1.jar lib/application-part2.jar lib/first.jar");
		try (JarFile application = new JarFile(this.directory.resolve("app.jar").toFile())) {
			assertThat(application.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("app.Main");
			assertThat(application.stream().map((entry) -> entry.getName())).containsExactlyInAnyOrder("META-INF/",
					"META-INF/MANIFEST.MF");
		}
	}

	@Test
	void fileThatCannotBeSplitFailsTheLayoutNamingEachSuchFile() throws Exception {
		writeApplication("lib/model-1.0.jar lib/ok.jar lib/signed-2.0.jar", Map.of("app/Main.class", new byte[100]));
		TestJars.write(this.directory.resolve("lib/ok.jar"), Map.of(), Map.of("ok.txt", new byte[1]));
		TestJars.write(this.directory.resolve("lib/model-1.0.jar"), Map.of(),
				Map.of("models/weights.bin", TestJars.random(11_000_000, 7)));
		TestJars.write(this.directory.resolve("lib/signed-2.0.jar"), Map.of(), Map.of("META-INF/KEY.SF", new byte[1],
				"a.bin", TestJars.random(6_000_000, 8), "b.bin", TestJars.random(6_000_000, 9)));
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> new DeployLayout(LIMIT, EntryTime.of(null), this.log::add).fitToLimit(this.directory))
			.withMessageContaining("lib/model-1.0.jar (11.0 MB): model-1.0.jar holds models/weights.bin (11.0 MB")
			.withMessageContaining("lib/signed-2.0.jar (12.0 MB): signed-2.0.jar is signed")
			.withMessageNotContaining("ok.jar");
	}

	@Test
	void otherFileOverTheLimitFailsTheLayoutNamingIt() throws Exception {
		writeApplication("lib/ok.jar", Map.of("app/Main.class", new byte[100]));
		TestJars.write(this.directory.resolve("lib/ok.jar"), Map.of(), Map.of("ok.txt", new byte[1]));
		Files.write(this.directory.resolve("lib/notes.bin"), TestJars.random(10_000_001, 3));
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> new DeployLayout(LIMIT, EntryTime.of(null), this.log::add).fitToLimit(this.directory))
			.withMessage("lib/notes.bin (10.0 MB): a Databricks Apps file may be at most 10.0 MB");
	}

	private void writeApplication(String classPath, Map<String, byte[]> entries) throws Exception {
		TestJars.write(this.directory.resolve(DeployLayout.APPLICATION_JAR),
				Map.of("Main-Class", "app.Main", "Class-Path", classPath), entries);
	}

	private String classPath() throws Exception {
		try (JarFile application = new JarFile(this.directory.resolve("app.jar").toFile())) {
			return application.getManifest().getMainAttributes().getValue("Class-Path");
		}
	}

	private List<Path> files() throws Exception {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static Map<String, byte[]> entries(int count, int size) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			entries.put("data/e" + i + ".bin", TestJars.random(size, i));
		}
		return entries;
	}

}
