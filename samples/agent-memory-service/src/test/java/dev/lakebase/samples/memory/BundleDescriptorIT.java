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

package dev.lakebase.samples.memory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's bundle ({@code databricks.yml}) deploys what the build wrote: its app's
 * source code path is the deploy directory, which the bundle uploads although
 * {@code target/} is git-ignored, with the Lakebase database as the app's resource.
 */
class BundleDescriptorIT {

	@Test
	@SuppressWarnings("unchecked")
	void bundleDeploysTheBuiltDeployDirectoryWithItsDatabaseResource() throws Exception {
		Map<String, Object> bundle;
		try (InputStream in = Files.newInputStream(Path.of("databricks.yml"))) {
			bundle = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		Map<String, Object> apps = (Map<String, Object>) ((Map<String, Object>) bundle.get("resources")).get("apps");
		Map<String, Object> app = (Map<String, Object>) apps.get("agent_memory_service");
		Path source = Path.of((String) app.get("source_code_path")).normalize();
		Path deployDirectory = Path.of(System.getProperty("sample.deploy-directory", "target/databricks-app"));
		assertThat(source.toAbsolutePath()).isEqualTo(deployDirectory.toAbsolutePath().normalize());
		assertThat(source.resolve("app.yaml")).isRegularFile();
		assertThat((List<String>) ((Map<String, Object>) bundle.get("sync")).get("include")).contains(source + "/**");
		Map<String, Object> resource = ((List<Map<String, Object>>) app.get("resources")).get(0);
		Map<String, Object> postgres = (Map<String, Object>) resource.get("postgres");
		assertThat(postgres).containsEntry("permission", "CAN_CONNECT_AND_CREATE")
			.containsEntry("branch", "${var.postgres_branch}")
			.containsEntry("database", "${var.postgres_database}");
		assertThat((Map<String, Object>) bundle.get("variables")).containsKeys("postgres_branch", "postgres_database");
	}

}
