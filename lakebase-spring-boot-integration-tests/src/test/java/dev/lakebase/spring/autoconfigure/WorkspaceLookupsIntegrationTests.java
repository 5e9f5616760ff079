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

import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.postgres.Endpoint;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WorkspaceLookups} against the emulator's workspace: an endpoint, an instance's
 * host and the current user as the workspace reports them; a failed lookup or client
 * set-up is a configuration failure that names what was looked up.
 */
class WorkspaceLookupsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("orders-instance"));

	@Test
	void anEndpointAndItsHostAreLookedUp() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		Endpoint found = lookups().endpoint(endpoint.path());
		assertThat(found.getName()).isEqualTo(endpoint.path());
		assertThat(WorkspaceLookups.endpointHost(endpoint.path(), found)).isEqualTo(endpoint.host());
	}

	@Test
	void anEndpointWithoutAHostSaysToSetTheHost() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> WorkspaceLookups.endpointHost("projects/p/branches/b/endpoints/e", new Endpoint()))
			.withMessage("The workspace reports no host for Lakebase endpoint projects/p/branches/b/endpoints/e.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("lakebase.host"));
	}

	@Test
	void aMissingEndpointIsAConfigurationFailureNamingIt() {
		String missing = "projects/emulator/branches/production/endpoints/gone";
		assertThatExceptionOfType(LakebaseConfigurationException.class).isThrownBy(() -> lookups().endpoint(missing))
			.withMessageStartingWith("Could not look up endpoint " + missing + " in the Databricks workspace: ")
			.withMessageContaining("HTTP 404")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Check the endpoint path"));
	}

	@Test
	void anInstancesHostIsItsReadWriteDnsName() {
		assertThat(lookups().instanceHost("orders-instance"))
			.isEqualTo(lakebase.emulator().instance("orders-instance").host());
	}

	@Test
	void theCurrentUserIsTheIdentityOfTheClient() {
		assertThat(lookups().currentUserName())
			.isEqualTo(lakebase.emulator().identities().servicePrincipal().roleName());
	}

	@Test
	void aClientThatCannotBeSetUpIsAConfigurationFailureSayingSo() {
		WorkspaceLookups lookups = new WorkspaceLookups(() -> {
			throw new DatabricksException("cannot configure default credentials");
		});
		assertThatExceptionOfType(LakebaseConfigurationException.class).isThrownBy(lookups::currentUserName)
			.withMessageStartingWith("Could not set up the Databricks workspace client in the Databricks workspace: ")
			.withMessageContaining("cannot configure default credentials");
	}

	private static WorkspaceLookups lookups() {
		LakebaseEmulator emulator = lakebase.emulator();
		return new WorkspaceLookups(
				() -> WorkspaceClientFactory.create(new WorkspaceClientFactory.Settings(emulator.workspace().url(),
						emulator.identities().servicePrincipal().clientId(),
						emulator.identities().servicePrincipal().clientSecret(), null, null, null)));
	}

}
