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
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BootJarExtractionTests {

	@TempDir
	Path directory;

	@Test
	void aJarWhoseMainNeverReturnsFailsAfterTheTimeoutWithItsOutput() throws Exception {
		Path classes = Path.of(NeverEndingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path jar = TestJars.write(this.directory.resolve("app.jar"),
				Map.of("Main-Class", NeverEndingMain.class.getName(), "Class-Path", classes.toUri().toString()),
				Map.of("BOOT-INF/classes/", new byte[0]));
		assertThat(BootJarExtraction.isExecutableBootJar(jar)).isTrue();
		long start = System.nanoTime();
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> BootJarExtraction.extract(jar, this.directory.resolve("out"), Duration.ofSeconds(3)))
			.withMessageContaining("did not finish within 3 s")
			.withMessageContaining("started, and staying");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the timeout fired")
			.isLessThan(Duration.ofMinutes(1));
	}

}
