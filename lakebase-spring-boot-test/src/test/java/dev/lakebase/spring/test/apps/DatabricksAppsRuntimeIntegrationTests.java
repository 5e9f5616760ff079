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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DatabricksAppsRuntime} on small deploy directories whose command is Python: what
 * the command sees is what the Apps runtime gives it.
 */
class DatabricksAppsRuntimeIntegrationTests {

	private static final String PRINT_ENVIRONMENT = "import os, shutil; "
			+ "print('CWD', os.getcwd()); print('JAVA', shutil.which('java')); "
			+ "print('ENV', ','.join(sorted(k for k in os.environ if k not in ('LC_CTYPE', 'PWD', 'SHLVL', '_'))))";

	@TempDir
	Path directory;

	@Test
	void commandRunsFromTheAppCopyWithOnlyTheGivenVariablesAndNoJava() throws Exception {
		Path deploy = deployDirectory("command:\n  - python\n  - -c\n  - \"" + PRINT_ENVIRONMENT + "\"\n"
				+ "env:\n  - name: FROM_APP_YAML\n    value: 'yes'\n");
		try (DatabricksAppsRuntime app = DatabricksAppsRuntime.deploy(deploy, this.directory.resolve("work"),
				this.directory.resolve("wheelhouse"), Map.of("DATABRICKS_APP_PORT", "8000", "JAVA_HOME", "/opt/jdk"))) {
			assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(app.process().exitValue()).as(app.log()).isZero();
			assertThat(app.log()).contains("CWD " + app.appDirectory().toRealPath())
				.contains("JAVA None")
				.contains("ENV DATABRICKS_APP_PORT,FROM_APP_YAML,PATH");
			assertThat(app.command()).startsWith("python", "-c");
		}
	}

	@Test
	void fileOverTenMegabytesIsRefusedNamingIt() throws Exception {
		Path deploy = deployDirectory("command: ['python', '-c', 'pass']\n");
		Files.createDirectories(deploy.resolve("lib"));
		Files.write(deploy.resolve("lib/big.jar"), new byte[10_000_001]);
		assertThatIllegalStateException()
			.isThrownBy(() -> DatabricksAppsRuntime.deploy(deploy, this.directory.resolve("work"),
					this.directory.resolve("wheelhouse"), Map.of()))
			.withMessageContaining("lib/big.jar (10000001 bytes)");
	}

	@Test
	void valueFromAnAppResourceIsRefusedByName() throws Exception {
		Path deploy = deployDirectory(
				"command: ['python', '-c', 'pass']\nenv:\n  - name: LAKEBASE_ENDPOINT\n    valueFrom: postgres\n");
		assertThatIOException()
			.isThrownBy(() -> DatabricksAppsRuntime.deploy(deploy, this.directory.resolve("work"),
					this.directory.resolve("wheelhouse"), Map.of()))
			.withMessageContaining("LAKEBASE_ENDPOINT takes its value from an app resource");
	}

	private Path deployDirectory(String appYaml) throws Exception {
		Path deploy = Files.createDirectories(this.directory.resolve("deploy"));
		Files.createDirectories(this.directory.resolve("wheelhouse"));
		Files.writeString(deploy.resolve("app.yaml"), appYaml);
		Files.writeString(deploy.resolve("requirements.txt"), "");
		return deploy;
	}

}
