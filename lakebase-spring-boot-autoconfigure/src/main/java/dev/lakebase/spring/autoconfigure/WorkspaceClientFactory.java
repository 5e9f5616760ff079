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
import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.apps.AppsAPI;
import com.databricks.sdk.service.database.DatabaseAPI;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.postgres.PostgresAPI;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Builds the Databricks SDK client the starter mints credentials with. Authentication is
 * the SDK's unified authentication; values from {@code lakebase.databricks.*}, or from
 * the SDK's variables as Spring sees them (so a {@code .env} file counts), are handed to
 * it, and the SDK reads everything else itself. The client has only the services the
 * starter calls; a {@link WorkspaceClient} sets up all of them (several hundred classes),
 * which in a fresh JVM costs more than a tenth of a second of start-up.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceClientFactory {

	private WorkspaceClientFactory() {
	}

	static WorkspaceClient create(Settings settings) {
		ConnectorUserAgent.identify();
		DatabricksConfig config = new DatabricksConfig();
		config.setHost(settings.host());
		config.setClientId(settings.clientId());
		config.setClientSecret(settings.clientSecret());
		config.setToken(settings.token());
		config.setProfile(settings.profile());
		config.setConfigFile(settings.configFile());
		return new LakebaseServices(config);
	}

	/**
	 * Return a client the application supplied, once the SDK's calls name the starter.
	 * @param client the application's client
	 * @return the client
	 */
	static WorkspaceClient applications(WorkspaceClient client) {
		ConnectorUserAgent.identify();
		return client;
	}

	private static @Nullable String value(@Nullable String propertyValue, String property, Environment environment,
			String variable) {
		return ConnectionValue.of(propertyValue, property, environment, variable).value();
	}

	/**
	 * The SDK's client with the services the starter calls (Lakebase Autoscaling and
	 * Provisioned, the current user, the app's own settings) on one {@link ApiClient}.
	 * Internal: any other service of it is {@code null}; an application that wants the
	 * whole client defines its own {@link WorkspaceClient} bean, which the starter then
	 * uses.
	 */
	static final class LakebaseServices extends WorkspaceClient {

		private final DatabricksConfig config;

		LakebaseServices(DatabricksConfig config) {
			// The SDK's constructor that sets up no service; only the ones below are
			super(true, new ApiClient(config));
			this.config = config;
			ApiClient client = apiClient();
			withPostgresAPI(new PostgresAPI(client));
			withDatabaseAPI(new DatabaseAPI(client));
			withCurrentUserAPI(new CurrentUserAPI(client));
			withAppsAPI(new AppsAPI(client));
		}

		@Override
		public DatabricksConfig config() {
			return this.config;
		}

	}

	/**
	 * What the starter hands to the SDK: equal settings make equal clients. Its
	 * {@code toString} names which values are set, never a value.
	 *
	 * @param host the workspace URL
	 * @param clientId the OAuth client id
	 * @param clientSecret the OAuth client secret
	 * @param token a personal access token
	 * @param profile a Databricks CLI profile
	 * @param configFile the Databricks CLI configuration file
	 */
	record Settings(@Nullable String host, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable String token, @Nullable String profile, @Nullable String configFile) {

		/**
		 * Return the settings of workspace details: what they leave {@code null}, the SDK
		 * resolves itself.
		 * @param details the details
		 * @return the settings
		 */
		static Settings of(LakebaseWorkspaceDetails details) {
			if (details instanceof PropertiesLakebaseWorkspaceDetails properties) {
				return properties.settings();
			}
			return new Settings(details.getHost(), details.getClientId(), details.getClientSecret(), details.getToken(),
					null, null);
		}

		/**
		 * Return these settings completed from the environment: each value set here (from
		 * {@code lakebase.databricks.*}), else the SDK's variable as the environment
		 * holds it (so a {@code .env} file counts).
		 * @param environment where the SDK's variables are read
		 * @return the settings
		 */
		Settings orFrom(Environment environment) {
			return new Settings(value(this.host, "lakebase.databricks.host", environment, "DATABRICKS_HOST"),
					value(this.clientId, "lakebase.databricks.client-id", environment, "DATABRICKS_CLIENT_ID"),
					value(this.clientSecret, "lakebase.databricks.client-secret", environment,
							"DATABRICKS_CLIENT_SECRET"),
					value(this.token, "lakebase.databricks.token", environment, "DATABRICKS_TOKEN"),
					value(this.profile, "lakebase.databricks.profile", environment, "DATABRICKS_CONFIG_PROFILE"),
					value(this.configFile, "lakebase.databricks.config-file", environment, "DATABRICKS_CONFIG_FILE"));
		}

		@Override
		public String toString() {
			return "Settings[host=" + this.host + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "(set)" : null) + ", token="
					+ ((this.token != null) ? "(set)" : null) + ", profile=" + this.profile + ", configFile="
					+ this.configFile + "]";
		}

	}

}
