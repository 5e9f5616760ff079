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

import org.jspecify.annotations.Nullable;

/**
 * The {@link LakebaseWorkspaceDetails} the starter reads from
 * {@code lakebase.databricks.*} properties and the SDK's {@code DATABRICKS_*} variables
 * as the environment holds them (a {@code .env} file counts), with the CLI profile and
 * configuration file the SDK reads too.
 *
 * @author Lakebase Spring Boot contributors
 */
final class PropertiesLakebaseWorkspaceDetails implements LakebaseWorkspaceDetails {

	private final WorkspaceClientFactory.Settings settings;

	PropertiesLakebaseWorkspaceDetails(WorkspaceClientFactory.Settings settings) {
		this.settings = settings;
	}

	WorkspaceClientFactory.Settings settings() {
		return this.settings;
	}

	@Override
	public @Nullable String getHost() {
		return this.settings.host();
	}

	@Override
	public @Nullable String getClientId() {
		return this.settings.clientId();
	}

	@Override
	public @Nullable String getClientSecret() {
		return this.settings.clientSecret();
	}

	@Override
	public @Nullable String getToken() {
		return this.settings.token();
	}

	@Override
	public String toString() {
		return "LakebaseWorkspaceDetails[" + this.settings + "]";
	}

}
