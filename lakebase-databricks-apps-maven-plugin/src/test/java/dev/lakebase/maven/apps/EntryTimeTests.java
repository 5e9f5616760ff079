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

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EntryTimeTests {

	@TempDir
	Path directory;

	@Test
	void theOutputTimestampInEitherFormReadsAsItsUtcTimeOnAnyMachine() throws Exception {
		Path jar = TestJars.write(this.directory.resolve("a.jar"), Map.of(), Map.of("a.txt", new byte[] { 1 }));
		try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
			long iso = EntryTime.of("2026-01-01T00:00:00Z").millis(zip);
			assertThat(EntryTime.of("1767225600").millis(zip)).isEqualTo(iso);
			assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(iso), ZoneId.systemDefault()))
				.isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
		}
	}

	@Test
	void withoutAnOutputTimestampTheSourceJarsManifestTimeIsUsed() throws Exception {
		Path jar = TestJars.write(this.directory.resolve("a.jar"), Map.of(), Map.of("a.txt", new byte[] { 1 }));
		try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
			assertThat(EntryTime.of(null).millis(zip)).isEqualTo(zip.getEntry("META-INF/MANIFEST.MF").getTime());
			assertThat(EntryTime.of("x").millis(zip)).as("one character turns it off, as in Maven")
				.isEqualTo(zip.getEntry("META-INF/MANIFEST.MF").getTime());
		}
	}

	@Test
	void aTimestampInNeitherFormSaysWhatIsExpected() {
		assertThatIllegalArgumentException().isThrownBy(() -> EntryTime.of("yesterday"))
			.withMessageContaining("project.build.outputTimestamp is 'yesterday'")
			.withMessageContaining("2026-01-01T00:00:00Z");
	}

}
