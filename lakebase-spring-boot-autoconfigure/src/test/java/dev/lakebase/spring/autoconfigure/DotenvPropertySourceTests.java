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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DotenvPropertySource}: environment-style names resolve as Spring Boot resolves
 * them for the system environment, and each value's origin is its line in the file.
 */
class DotenvPropertySourceTests {

	@TempDir
	Path directory;

	@Test
	void aPropertyNameResolvesToItsVariableAndNamesItsLine() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "# local\nPGHOST=ep-1.example.com\nLAKEBASE_BRANCH=feature-x\n");
		DotenvPropertySource source = new DotenvPropertySource(file, DotenvFile.read(file));
		assertThat(source.getName()).endsWith("-systemEnvironment");
		assertThat(source.getProperty("lakebase.branch")).isEqualTo("feature-x");
		assertThat(source.getProperty("PGHOST")).isEqualTo("ep-1.example.com");
		Origin origin = source.getOrigin("lakebase.branch");
		assertThat(origin).isInstanceOf(TextResourceOrigin.class);
		assertThat(((TextResourceOrigin) origin).getLocation().getLine()).isEqualTo(2);
		assertThat(((TextResourceOrigin) origin).getResource().getFilename()).isEqualTo(".env");
		assertThat(source.getOrigin("lakebase.endpoint")).isNull();
		assertThat(source.path()).isEqualTo(file);
	}

}
