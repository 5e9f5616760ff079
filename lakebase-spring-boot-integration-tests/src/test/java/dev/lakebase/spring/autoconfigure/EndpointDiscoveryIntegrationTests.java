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

import java.time.Duration;
import java.util.Map;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EmulatedWorkspace;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Finding an endpoint in the workspace: by its host among every endpoint the identity can
 * see, or as the single read-write endpoint of a branch.
 */
class EndpointDiscoveryIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().branch("feature-x").readOnlyEndpoint());

	@Test
	void theEndpointWithTheHostIsFoundWhateverTheCase() {
		EmulatedEndpoint primary = lakebase.emulator().endpoint();
		EmulatedEndpoint feature = lakebase.emulator().branchEndpoint("feature-x");
		EndpointDiscovery discovery = discovery();
		assertThat(discovery.findByHost(primary.host(), "PGHOST").getName()).isEqualTo(primary.path());
		assertThat(discovery.findByHost(feature.host().toUpperCase(java.util.Locale.ROOT), "PGHOST").getName())
			.isEqualTo(feature.path());
	}

	@Test
	void aHostNoEndpointHasFailsNamingItsSourceAndTheFix() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> discovery().findByHost("ep-unknown.database.example.com", "PGHOST"))
			.withMessage("No Lakebase endpoint visible to this identity has the host ep-unknown.database.example.com "
					+ "(from PGHOST).")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("LAKEBASE_ENDPOINT"));
	}

	@Test
	void aBranchsEndpointIsItsReadWriteOneNotItsReadOnlyOneAndAMissingBranchSaysSo() {
		LakebaseEmulator emulator = lakebase.emulator();
		String production = emulator.endpoint().path();
		String branch = production.substring(0, production.indexOf("/endpoints/"));
		assertThat(emulator.readOnlyEndpoint().path()).startsWith(branch);
		assertThat(discovery().readWriteEndpoint(branch, "lakebase.project=" + branch)).isEqualTo(production);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(
					() -> discovery().readWriteEndpoint(branch.replace("production", "gone"), "lakebase.branch=gone"))
			.withMessageStartingWith("Could not list the endpoints of Lakebase branch projects/emulator/branches/gone")
			.withMessageContaining("HTTP 404");
	}

	@Test
	void aWorkspaceFailureIsAConfigurationFailureThatSaysWhatWasTried() {
		EmulatedWorkspace workspace = lakebase.emulator().workspace();
		workspace.failFor(EmulatedWorkspace.Target.RESOURCES, Duration.ofMinutes(1), 403);
		try {
			assertThatExceptionOfType(LakebaseConfigurationException.class)
				.isThrownBy(() -> discovery().findByHost("ep.example.com", "PGHOST"))
				.withMessageStartingWith(
						"Could not list the Lakebase endpoints to find the one at ep.example.com in the Databricks "
								+ "workspace: ")
				.withMessageContaining("HTTP 403");
		}
		finally {
			workspace.clear();
		}
	}

	private static EndpointDiscovery discovery() {
		LakebaseEmulator emulator = lakebase.emulator();
		Map<String, String> environment = emulator.environment();
		MockEnvironment mock = new MockEnvironment();
		for (String name : new String[] { "DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET" }) {
			mock.setProperty(name, environment.get(name));
		}
		WorkspaceClient client = WorkspaceClientFactory
			.create(new WorkspaceClientFactory.Settings(null, null, null, null, null, null).orFrom(mock));
		return new EndpointDiscovery(client);
	}

}
