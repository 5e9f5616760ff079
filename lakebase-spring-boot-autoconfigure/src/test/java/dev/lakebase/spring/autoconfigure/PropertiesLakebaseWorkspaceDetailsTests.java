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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PropertiesLakebaseWorkspaceDetails}: the workspace settings as details, with no
 * secret in what it prints.
 */
class PropertiesLakebaseWorkspaceDetailsTests {

	@Test
	void theSettingsAreTheDetailsAndSecretsStayOutOfToString() {
		PropertiesLakebaseWorkspaceDetails details = new PropertiesLakebaseWorkspaceDetails(
				new WorkspaceClientFactory.Settings("https://example.cloud.databricks.com", "client-1",
						"client-secret-value", "pat-value", "DEFAULT", null));
		assertThat(details.getHost()).isEqualTo("https://example.cloud.databricks.com");
		assertThat(details.getClientId()).isEqualTo("client-1");
		assertThat(details.getClientSecret()).isEqualTo("client-secret-value");
		assertThat(details.getToken()).isEqualTo("pat-value");
		assertThat(details.toString()).contains("client-1")
			.doesNotContain("client-secret-value")
			.doesNotContain("pat-value");
		assertThat(WorkspaceClientFactory.Settings.of(details)).as("the profile kept").isSameAs(details.settings());
	}

}
