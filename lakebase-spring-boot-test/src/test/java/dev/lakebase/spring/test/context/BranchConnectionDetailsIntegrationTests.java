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

package dev.lakebase.spring.test.context;

import java.time.Duration;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BranchConnectionDetails}: the details of a run's branch are those of the
 * connection it stands in for (identity, database, TLS) at the branch's read-write
 * endpoint, directly or through its pooler as the parent connects, and the branch is
 * looked up once.
 */
class BranchConnectionDetailsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void theParentsSettingsAtTheBranchsEndpoint() {
		LakebaseEmulator emulator = lakebase.emulator();
		try (EphemeralBranch branch = branch("direct")) {
			EmulatedEndpoint endpoint = emulator.branchEndpoint("direct");
			LakebaseConnectionDetails parent = EmulatorDetails.connection(emulator, false);
			BranchConnectionDetails details = new BranchConnectionDetails(() -> parent, branch);
			assertThat(details.getHost()).isEqualTo(endpoint.host());
			assertThat(details.getDirectHost()).isNull();
			assertThat(details.getEndpoint()).isEqualTo(endpoint.path());
			assertThat(details.getInstanceName()).isNull();
			assertThat(details.getUsername()).isEqualTo(parent.getUsername());
			assertThat(details.getDatabase()).isEqualTo(parent.getDatabase());
			assertThat(details.getSslMode()).isEqualTo(parent.getSslMode());
			assertThat(details.getPort()).isEqualTo(parent.getPort());
			assertThat(details).hasToString("BranchConnectionDetails[" + endpoint.path() + "]");
			int before = emulator.workspace().requests();
			for (int i = 0; i < 5; i++) {
				details.getHost();
				details.getEndpoint();
			}
			assertThat(emulator.workspace().requests() - before).as("the branch is looked up once").isZero();
		}
	}

	@Test
	void throughThePoolerWhenTheParentGoesThroughIt() {
		LakebaseEmulator emulator = lakebase.emulator();
		try (EphemeralBranch branch = branch("pooled")) {
			EmulatedEndpoint endpoint = emulator.branchEndpoint("pooled");
			LakebaseConnectionDetails parent = EmulatorDetails.connection(emulator, true);
			BranchConnectionDetails details = new BranchConnectionDetails(() -> parent, branch);
			assertThat(details.getHost()).isEqualTo(endpoint.pooledHost());
			assertThat(details.getDirectHost()).isEqualTo(endpoint.host());
		}
	}

	private static EphemeralBranch branch(String id) {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setClientId(emulator.identities().servicePrincipal().clientId())
			.setClientSecret(emulator.identities().servicePrincipal().clientSecret()));
		return EphemeralBranch.create(workspace, "emulator", "production", id, Duration.ofHours(1), false);
	}

}
