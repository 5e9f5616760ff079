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

import java.util.Map;
import java.util.Objects;

import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.autoconfigure.LakebaseWorkspaceDetails;
import dev.lakebase.spring.test.LakebaseEmulator;
import org.jspecify.annotations.Nullable;

/**
 * The connection and workspace details of an emulator, as Databricks Apps hand them to an
 * app: its primary endpoint, as its service principal.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EmulatorDetails {

	private EmulatorDetails() {
	}

	/**
	 * The emulator's connection: to its endpoint's host or, with
	 * {@code lakebase.pooler.enabled}, to its pooled host.
	 */
	static LakebaseConnectionDetails connection(LakebaseEmulator emulator, boolean pooler) {
		Map<String, String> env = emulator.environment();
		String endpoint = env.get("LAKEBASE_ENDPOINT");
		String host = required(env, "PGHOST");
		return new Connection(pooler ? emulator.endpoint().pooledHost() : host,
				Integer.parseInt(required(env, "PGPORT")), required(env, "PGDATABASE"), required(env, "PGUSER"),
				required(env, "PGSSLMODE"), env.get("PGAPPNAME"), endpoint,
				(endpoint != null) ? null : emulator.endpoint().path(), pooler ? host : null);
	}

	static LakebaseWorkspaceDetails workspace(LakebaseEmulator emulator) {
		Map<String, String> env = emulator.environment();
		return new Workspace(required(env, "DATABRICKS_HOST"), env.get("DATABRICKS_CLIENT_ID"),
				env.get("DATABRICKS_CLIENT_SECRET"), env.get("DATABRICKS_TOKEN"));
	}

	private static String required(Map<String, String> env, String name) {
		return Objects.requireNonNull(env.get(name), name);
	}

	record Connection(String host, int port, String database, String username, String sslMode,
			@Nullable String applicationName, @Nullable String endpoint, @Nullable String instanceName,
			@Nullable String directHost) implements LakebaseConnectionDetails {

		@Override
		public String getHost() {
			return this.host;
		}

		@Override
		public @Nullable String getDirectHost() {
			return this.directHost;
		}

		@Override
		public int getPort() {
			return this.port;
		}

		@Override
		public String getDatabase() {
			return this.database;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public String getSslMode() {
			return this.sslMode;
		}

		@Override
		public @Nullable String getApplicationName() {
			return this.applicationName;
		}

		@Override
		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		@Override
		public @Nullable String getInstanceName() {
			return this.instanceName;
		}

	}

	record Workspace(String host, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable String token) implements LakebaseWorkspaceDetails {

		@Override
		public String getHost() {
			return this.host;
		}

		@Override
		public @Nullable String getClientId() {
			return this.clientId;
		}

		@Override
		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		@Override
		public @Nullable String getToken() {
			return this.token;
		}

		@Override
		public String toString() {
			return "EmulatorWorkspace[host=" + this.host + ", clientId=" + this.clientId + "]";
		}

	}

}
