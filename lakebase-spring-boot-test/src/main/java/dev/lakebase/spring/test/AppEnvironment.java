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

package dev.lakebase.spring.test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Databricks Apps hand an app that has a Lakebase database as its resource, as
 * environment variables or as the starter's Spring properties.
 *
 * @author Lakebase Spring Boot contributors
 */
final class AppEnvironment {

	private AppEnvironment() {
	}

	/**
	 * Return the environment of an identity connecting to an endpoint.
	 * @param identity the identity
	 * @param endpoint the endpoint
	 * @param workspaceUrl the workspace URL
	 * @param appName the app name
	 * @return the environment
	 */
	static Map<String, String> environment(EmulatedIdentity identity, EmulatedEndpoint endpoint, String workspaceUrl,
			String appName) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PGHOST", endpoint.host());
		env.put("PGPORT", Integer.toString(endpoint.port()));
		env.put("PGDATABASE", LakebaseEmulator.DEFAULT_DATABASE);
		env.put("PGUSER", identity.roleName());
		env.put("PGSSLMODE", "require");
		env.put("PGAPPNAME", appName);
		env.put("DATABRICKS_HOST", workspaceUrl);
		if (identity.kind() == EmulatedIdentity.Kind.SERVICE_PRINCIPAL) {
			env.put("DATABRICKS_CLIENT_ID", identity.clientId());
			env.put("DATABRICKS_CLIENT_SECRET", identity.clientSecret());
		}
		else {
			env.put("DATABRICKS_TOKEN", identity.personalAccessToken());
		}
		if (endpoint.kind() == EmulatedEndpoint.Kind.AUTOSCALING) {
			env.put("LAKEBASE_ENDPOINT", endpoint.path());
		}
		return env;
	}

	/**
	 * Return an environment as the starter's Spring properties.
	 * @param env the environment
	 * @param endpoint the endpoint it connects to
	 * @return the properties
	 */
	static Map<String, String> springProperties(Map<String, String> env, EmulatedEndpoint endpoint) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("lakebase.host", env.get("PGHOST"));
		properties.put("lakebase.port", env.get("PGPORT"));
		properties.put("lakebase.database", env.get("PGDATABASE"));
		properties.put("lakebase.username", env.get("PGUSER"));
		properties.put("lakebase.ssl-mode", env.get("PGSSLMODE"));
		properties.put("lakebase.application-name", env.get("PGAPPNAME"));
		if (env.containsKey("LAKEBASE_ENDPOINT")) {
			properties.put("lakebase.endpoint", env.get("LAKEBASE_ENDPOINT"));
		}
		else {
			properties.put("lakebase.instance-name", endpoint.path());
		}
		properties.put("lakebase.databricks.host", env.get("DATABRICKS_HOST"));
		if (env.containsKey("DATABRICKS_TOKEN")) {
			properties.put("lakebase.databricks.token", env.get("DATABRICKS_TOKEN"));
		}
		else {
			properties.put("lakebase.databricks.client-id", env.get("DATABRICKS_CLIENT_ID"));
			properties.put("lakebase.databricks.client-secret", env.get("DATABRICKS_CLIENT_SECRET"));
		}
		return properties;
	}

}
