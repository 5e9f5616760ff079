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
import com.databricks.sdk.core.UserAgent;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's SDK client: the settings as the SDK's configuration, and the services the
 * starter calls, on one API client, working against the emulated workspace.
 */
class WorkspaceClientFactoryIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void theServicesTheStarterCallsOnTheGivenConfiguration() {
		LakebaseEmulator emulator = lakebase.emulator();
		MockEnvironment environment = new MockEnvironment();
		emulator.environment().forEach(environment::setProperty);
		WorkspaceClient workspace = WorkspaceClientFactory.create(unset(environment));
		assertThat(workspace.config().getHost()).isEqualTo(emulator.workspace().url());
		assertThat(workspace.config().getClientId()).isEqualTo(emulator.environment().get("DATABRICKS_CLIENT_ID"));
		String path = emulator.endpoint().path();
		assertThat(workspace.postgres().getEndpoint(new GetEndpointRequest().setName(path)).getName()).isEqualTo(path);
		assertThat(workspace.currentUser().me(new MeRequest()).getUserName()).isNotBlank();
		assertThat(workspace.database()).isNotNull();
		assertThat(workspace.jobs()).as("no service the starter does not call").isNull();
	}

	@Test
	void theSdksCallsNameTheStarterAndItsVersionOnceHoweverManyClients() {
		LakebaseEmulator emulator = lakebase.emulator();
		MockEnvironment environment = new MockEnvironment();
		emulator.environment().forEach(environment::setProperty);
		String entry = "lakebase-spring-boot-starter/" + ConnectorUserAgent.VERSION;
		assertThat(ConnectorUserAgent.VERSION).as("the build's version").matches("\\d+\\.\\d+\\.\\d+.*");
		for (int i = 0; i < 3; i++) {
			WorkspaceClient workspace = WorkspaceClientFactory.create(unset(environment));
			workspace.currentUser().me(new MeRequest());
		}
		WorkspaceClientFactory.applications(new WorkspaceClient(true));
		assertThat(UserAgent.asString().split(" ")).containsOnlyOnce(entry);
		assertThat(emulator.workspace().userAgents()).anySatisfy((userAgent) -> assertThat(userAgent).contains(entry));
	}

	@Test
	void propertiesComeBeforeTheSdkVariables() {
		LakebaseEmulator emulator = lakebase.emulator();
		MockEnvironment environment = new MockEnvironment().withProperty("DATABRICKS_HOST", "http://127.0.0.1:9")
			.withProperty("DATABRICKS_TOKEN", "dapi-not-used");
		WorkspaceClientFactory.Settings settings = new WorkspaceClientFactory.Settings(emulator.workspace().url(), null,
				null, null, null, null)
			.orFrom(environment);
		assertThat(WorkspaceClientFactory.create(settings).config().getHost()).isEqualTo(emulator.workspace().url());
	}

	private static WorkspaceClientFactory.Settings unset(MockEnvironment environment) {
		return new WorkspaceClientFactory.Settings(null, null, null, null, null, null).orFrom(environment);
	}

}
