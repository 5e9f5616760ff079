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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same app runs locally: from a {@code .env} as {@code databricks apps init} writes
 * it, with a Databricks CLI profile, or with a native password and no workspace at all.
 */
class LocalDevelopmentIntegrationTests {

	private static final String SCIM_ME = "/api/2.0/preview/scim/v2/Me";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@TempDir
	Path directory;

	@Test
	void appStartedFromDirectoryWithDotenvConnects() throws Exception {
		writeDotenv("from-dotenv");
		AppProcess.Result result = runApp(Map.of());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains(
				"CONNECTED user=" + lakebase.emulator().identities().user().roleName() + " application=from-dotenv");
		assertThat(result.output()).doesNotContain(lakebase.emulator().identities().user().personalAccessToken());
	}

	@Test
	void realEnvironmentVariableWinsOverDotenv() throws Exception {
		writeDotenv("from-dotenv");
		AppProcess.Result result = runApp(Map.of("PGAPPNAME", "from-environment"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("application=from-environment");
	}

	@Test
	void dotenvIsIgnoredOnDatabricksApps() throws Exception {
		writeDotenv("from-dotenv");
		AppProcess.Result result = runApp(Map.of("DATABRICKS_APP_NAME", "memory-service"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("No Lakebase connection is configured").doesNotContain("CONNECTED");
	}

	@Test
	void dotenvCanBeTurnedOffOrMoved() throws Exception {
		writeDotenv("from-dotenv");
		assertThat(runApp(Map.of("LAKEBASE_DOTENV_ENABLED", "false")).output())
			.contains("No Lakebase connection is configured");
		Path elsewhere = Files.createDirectories(this.directory.resolve("config"));
		Files.move(this.directory.resolve(".env"), elsewhere.resolve("lakebase.env"));
		AppProcess.Result moved = runApp(Map.of("LAKEBASE_DOTENV_PATH", "config/lakebase.env"));
		assertThat(moved.exitCode()).as(moved.output()).isZero();
		assertThat(moved.output()).contains("application=from-dotenv");
	}

	@Test
	void dotenvJavaOnTheModulePathReadsTheFile() throws Exception {
		// dotenv-java as a named module exports only its API package
		writeDotenv("from-module-path");
		AppProcess.Result result = AppProcess.run(LocalDevApp.class, this.directory, cleanEnvironment(Map.of()),
				(entry) -> entry.getFileName().toString().startsWith("dotenv-java-"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("application=from-module-path");
	}

	@Test
	void cliProfileMintsAndConnectsWithUserNameFromWorkspace() throws IOException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity user = emulator.identities().addUser("profile-user@example.com", true);
		Path config = this.directory.resolve(".databrickscfg");
		Files.writeString(config, "[DEFAULT]\nhost = https://unused.example.com\ntoken = dapi-unused\n\n[dev]\nhost = "
				+ emulator.workspace().url() + "\ntoken = " + user.personalAccessToken() + "\n");
		int lookups = emulator.workspace().requests(SCIM_ME);
		int mints = emulator.tokens().mintCount(user);
		LakebaseTestSupport.runner()
			.withPropertyValues("DATABRICKS_CONFIG_PROFILE=dev", "lakebase.databricks.config-file=" + config,
					"LAKEBASE_ENDPOINT=" + emulator.endpoint().path(), "PGPORT=" + emulator.endpoint().port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (int i = 0; i < 3; i++) {
					assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(user.roleName());
				}
				assertThat(emulator.workspace().requests(SCIM_ME) - lookups).as("current-user lookups").isEqualTo(1);
				assertThat(emulator.tokens().mintCount(user) - mints).isEqualTo(1);
			});
	}

	@Test
	void nativePasswordWorksWithoutAnyWorkspaceAccess() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("local_native", "local-password");
		EmulatedEndpoint endpoint = emulator.endpoint();
		int mints = emulator.tokens().mintCount();
		LakebaseTestSupport.runner()
			.withPropertyValues("PGHOST=" + endpoint.host(), "PGPORT=" + endpoint.port(), "PGUSER=local_native",
					"PGPASSWORD=local-password", "lakebase.databricks.config-file=" + this.directory.resolve("none"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
					.isEqualTo("local_native");
				assertThat(emulator.tokens().mintCount()).isEqualTo(mints);
			});
	}

	/**
	 * Write the {@code .env} that {@code databricks apps init} writes, with a personal
	 * access token for local authentication, quotes and comments.
	 */
	private void writeDotenv(String appName) throws IOException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		String dotenv = "# Lakebase connection for local development\n" + "PGHOST=" + endpoint.host() + "\n" + "PGPORT="
				+ endpoint.port() + "\n" + "PGDATABASE=databricks_postgres\n" + "PGUSER=\""
				+ emulator.identities().user().roleName() + "\"\n" + "PGSSLMODE=require\n" + "PGAPPNAME='" + appName
				+ "'\n" + "LAKEBASE_ENDPOINT=" + endpoint.path() + "\n" + "DATABRICKS_HOST="
				+ emulator.workspace().url() + "\n" + "DATABRICKS_TOKEN="
				+ emulator.identities().user().personalAccessToken() + "  # personal access token\n";
		Files.writeString(this.directory.resolve(".env"), dotenv, StandardCharsets.UTF_8);
	}

	private AppProcess.Result runApp(Map<String, String> environment) throws IOException, InterruptedException {
		return AppProcess.run(LocalDevApp.class, this.directory, cleanEnvironment(environment));
	}

	private Map<String, String> cleanEnvironment(Map<String, String> environment) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("DATABRICKS_CONFIG_FILE", this.directory.resolve("no-databrickscfg").toString());
		env.putAll(environment);
		return env;
	}

}
