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

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseWorkspace} against the emulator's workspace: what it asks about a
 * connection once it is known (the compute's size and suspend timeout, read once per
 * endpoint and not at all when the resolution read them; the app's instances), and what
 * it answers when the workspace cannot say.
 */
class LakebaseWorkspaceIntegrationTests {

	private static final String ENDPOINT_PATH = "/api/2.0/postgres/projects/emulator/branches/production/endpoints/primary";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(LakebaseEmulator.builder()
		.maxComputeUnits(2)
		.appName("orders-app")
		.appMaxInstances(3)
		.autoSuspendAfter(Duration.ofMinutes(7)));

	@Test
	void theComputeSizeAndSuspendTimeoutComeFromOneReadOfTheEndpoint() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		LakebaseWorkspace workspace = workspace();
		ResolvedConnection.Target target = ResolvedConnection.Target.endpoint(endpoint.path());
		int reads = lakebase.emulator().workspace().requests(ENDPOINT_PATH);
		assertThat(workspace.maxComputeUnits(target)).isEqualTo(2.0);
		assertThat(workspace.suspendTimeout(target, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(7));
		assertThat(workspace.maxComputeUnits(target)).isEqualTo(2.0);
		assertThat(lakebase.emulator().workspace().requests(ENDPOINT_PATH) - reads).as("reads of the endpoint").isOne();
	}

	@Test
	void aTargetTheResolutionReadNeedsNoRead() {
		LakebaseWorkspace workspace = workspace();
		ResolvedConnection.Target reported = new ResolvedConnection.Target(ResolvedConnection.Kind.AUTOSCALING_ENDPOINT,
				lakebase.emulator().endpoint().path(), null, Duration.ofMinutes(9), 4.0);
		int requests = lakebase.emulator().workspace().requests();
		assertThat(workspace.maxComputeUnits(reported)).isEqualTo(4.0);
		assertThat(workspace.suspendTimeout(reported, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(9));
		assertThat(lakebase.emulator().workspace().requests()).isEqualTo(requests);
	}

	@Test
	void instancesAndPasswordsHaveNoComputeSizeToReport() {
		LakebaseWorkspace workspace = workspace();
		assertThat(workspace.maxComputeUnits(ResolvedConnection.Target.instance("orders"))).isNull();
		assertThat(workspace.maxComputeUnits(ResolvedConnection.Target.nativePassword("secret-value"))).isNull();
		assertThat(workspace.suspendTimeout(ResolvedConnection.Target.nativePassword("secret-value"),
				Duration.ofMinutes(5)))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aFailedReadFallsBackAndIsNotRetriedForEachAsk() {
		LakebaseWorkspace workspace = workspace();
		ResolvedConnection.Target gone = ResolvedConnection.Target
			.endpoint("projects/emulator/branches/production/endpoints/gone");
		assertThat(workspace.maxComputeUnits(gone)).isNull();
		assertThat(workspace.suspendTimeout(gone, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void theAppsInstancesAreReadWhenTheIdentityMayAndElseNull() {
		LakebaseWorkspace workspace = workspace();
		assertThat(workspace.appMaxInstances("orders-app")).isEqualTo(3L);
		assertThat(workspace.appMaxInstances("someone-elses-app")).isNull();
	}

	private static LakebaseWorkspace workspace() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient client = WorkspaceClientFactory.create(new WorkspaceClientFactory.Settings(
				emulator.workspace().url(), emulator.identities().servicePrincipal().clientId(),
				emulator.identities().servicePrincipal().clientSecret(), null, null, null));
		return new LakebaseWorkspace(() -> client);
	}

}
