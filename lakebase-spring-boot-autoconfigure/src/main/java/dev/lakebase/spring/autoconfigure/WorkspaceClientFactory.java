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

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;

import org.springframework.core.env.Environment;

/**
 * Builds the Databricks SDK client the starter mints credentials with. Authentication is
 * the SDK's unified authentication; values from {@code lakebase.databricks.*}, or from
 * the SDK's variables as Spring sees them (so a {@code .env} file counts), are handed to
 * it, and the SDK reads everything else itself.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceClientFactory {

	private WorkspaceClientFactory() {
	}

	static WorkspaceClient create(LakebaseProperties.Databricks properties, Environment environment) {
		DatabricksConfig config = new DatabricksConfig();
		config.setHost(value(properties.getHost(), "lakebase.databricks.host", environment, "DATABRICKS_HOST"));
		config.setClientId(
				value(properties.getClientId(), "lakebase.databricks.client-id", environment, "DATABRICKS_CLIENT_ID"));
		config.setClientSecret(value(properties.getClientSecret(), "lakebase.databricks.client-secret", environment,
				"DATABRICKS_CLIENT_SECRET"));
		config.setToken(value(properties.getToken(), "lakebase.databricks.token", environment, "DATABRICKS_TOKEN"));
		config.setProfile(value(properties.getProfile(), "lakebase.databricks.profile", environment,
				"DATABRICKS_CONFIG_PROFILE"));
		config.setConfigFile(value(properties.getConfigFile(), "lakebase.databricks.config-file", environment,
				"DATABRICKS_CONFIG_FILE"));
		return new WorkspaceClient(config);
	}

	private static String value(String propertyValue, String property, Environment environment, String variable) {
		return ConnectionValue.of(propertyValue, property, environment, variable).value();
	}

}
