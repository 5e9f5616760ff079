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

import java.time.Duration;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults injected into the workspace reach the SDK as its own errors, and the emulator
 * recovers after them.
 */
class EmulatedWorkspaceIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@AfterEach
	void clearFaults() {
		lakebase.emulator().workspace().clear();
	}

	private WorkspaceClient workspaceWithoutRetries() {
		LakebaseEmulator emulator = lakebase.emulator();
		return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setAuthType("pat")
			.setToken(emulator.identities().user().personalAccessToken())
			.setDisableRetries(true));
	}

	@Test
	void injected503ReachesSdkCallerAndEmulatorRecovers() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = workspaceWithoutRetries();
		long injected = emulator.workspace().injectedCount();
		emulator.workspace().failNext(EmulatedWorkspace.Target.CREDENTIALS, 1, 503);
		assertThatExceptionOfType(DatabricksError.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(503);
				assertThat(ex.getErrorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
			});
		assertThat(Sdk.mint(workspace, emulator.endpoint())).isNotBlank();
		assertThat(emulator.workspace().injectedCount()).isEqualTo(injected + 1);
	}

	@Test
	void injected500ReachesSdkCaller() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = workspaceWithoutRetries();
		emulator.workspace().failNext(EmulatedWorkspace.Target.ANY, 1, 500);
		assertThatExceptionOfType(DatabricksError.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
		assertThat(Sdk.mint(workspace, emulator.endpoint())).isNotBlank();
	}

	@Test
	void sdkRetriesAbsorbSingle503() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = Sdk.pat(emulator, emulator.identities().user());
		int mints = emulator.tokens().mintCount(emulator.identities().user());
		long injected = emulator.workspace().injectedCount();
		emulator.workspace().failNext(EmulatedWorkspace.Target.CREDENTIALS, 1, 503);
		assertThat(Sdk.mint(workspace, emulator.endpoint())).isNotBlank();
		assertThat(emulator.workspace().injectedCount()).isEqualTo(injected + 1);
		assertThat(emulator.tokens().mintCount(emulator.identities().user())).isEqualTo(mints + 1);
	}

	@Test
	void faultWindowFailsEveryCallUntilItEnds() throws InterruptedException {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = workspaceWithoutRetries();
		emulator.workspace().failFor(EmulatedWorkspace.Target.CREDENTIALS, Duration.ofMillis(800), 503);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(DatabricksError.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()));
		}
		Thread.sleep(1000);
		assertThat(Sdk.mint(workspace, emulator.endpoint())).isNotBlank();
	}

	@Test
	void hangHoldsCallThenAnswers503() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = workspaceWithoutRetries();
		emulator.workspace().hangNext(EmulatedWorkspace.Target.CREDENTIALS, 1, Duration.ofMillis(700));
		long started = System.nanoTime();
		assertThatExceptionOfType(DatabricksException.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		assertThat(Sdk.mint(workspace, emulator.endpoint())).isNotBlank();
	}

	@Test
	void faultOnOtherTargetLeavesCredentialsAlone() {
		LakebaseEmulator emulator = lakebase.emulator();
		long injected = emulator.workspace().injectedCount();
		emulator.workspace().failNext(EmulatedWorkspace.Target.RESOURCES, 1, 500);
		assertThat(Sdk.mint(workspaceWithoutRetries(), emulator.endpoint())).isNotBlank();
		assertThat(emulator.workspace().injectedCount()).isEqualTo(injected);
	}

}
