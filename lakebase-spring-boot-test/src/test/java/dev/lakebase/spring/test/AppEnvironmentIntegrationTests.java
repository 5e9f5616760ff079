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

import java.util.Map;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AppEnvironment}: the variables Databricks Apps give an app for an identity and
 * an endpoint (a service principal's OAuth client, a user's token; the endpoint's path,
 * or none for an instance), and the same as the starter's properties.
 */
class AppEnvironmentIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("orders"));

	@Test
	void aServicePrincipalOnAnEndpointGetsItsClientAndTheEndpointsPath() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		EmulatedEndpoint endpoint = emulator.endpoint();
		Map<String, String> env = AppEnvironment.environment(app, endpoint, emulator.workspace().url(), "notes");
		assertThat(env).containsEntry("PGHOST", endpoint.host())
			.containsEntry("PGPORT", Integer.toString(endpoint.port()))
			.containsEntry("PGDATABASE", LakebaseEmulator.DEFAULT_DATABASE)
			.containsEntry("PGUSER", app.roleName())
			.containsEntry("PGSSLMODE", "require")
			.containsEntry("PGAPPNAME", "notes")
			.containsEntry("DATABRICKS_HOST", emulator.workspace().url())
			.containsEntry("DATABRICKS_CLIENT_ID", app.clientId())
			.containsEntry("DATABRICKS_CLIENT_SECRET", app.clientSecret())
			.containsEntry("LAKEBASE_ENDPOINT", endpoint.path())
			.doesNotContainKey("DATABRICKS_TOKEN");
		assertThat(AppEnvironment.springProperties(env, endpoint)).containsEntry("lakebase.host", endpoint.host())
			.containsEntry("lakebase.endpoint", endpoint.path())
			.containsEntry("lakebase.databricks.client-id", app.clientId())
			.containsEntry("lakebase.databricks.client-secret", app.clientSecret())
			.doesNotContainKeys("lakebase.instance-name", "lakebase.databricks.token");
	}

	@Test
	void aUserOnAnInstanceGetsTheirTokenAndTheInstancesName() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity user = emulator.identities().user();
		EmulatedEndpoint instance = emulator.instance("orders");
		Map<String, String> env = AppEnvironment.environment(user, instance, emulator.workspace().url(), "notes");
		assertThat(env).containsEntry("DATABRICKS_TOKEN", user.personalAccessToken())
			.containsEntry("PGUSER", user.roleName())
			.doesNotContainKeys("DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "LAKEBASE_ENDPOINT");
		assertThat(AppEnvironment.springProperties(env, instance)).containsEntry("lakebase.instance-name", "orders")
			.containsEntry("lakebase.databricks.token", user.personalAccessToken())
			.doesNotContainKeys("lakebase.endpoint", "lakebase.databricks.client-id");
	}

}
