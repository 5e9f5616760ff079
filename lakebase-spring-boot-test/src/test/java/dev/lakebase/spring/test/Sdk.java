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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;

/**
 * The unmodified Databricks SDK and pgjdbc as an app would use them against the emulator.
 */
final class Sdk {

	private Sdk() {
	}

	static WorkspaceClient m2m(LakebaseEmulator emulator, EmulatedIdentity servicePrincipal) {
		return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setAuthType("oauth-m2m")
			.setClientId(servicePrincipal.clientId())
			.setClientSecret(servicePrincipal.clientSecret()));
	}

	static WorkspaceClient pat(LakebaseEmulator emulator, EmulatedIdentity user) {
		return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setAuthType("pat")
			.setToken(user.personalAccessToken()));
	}

	/**
	 * Create a branch of the emulator's project from its production branch and wait for
	 * it.
	 */
	static Branch createBranch(WorkspaceClient workspace, String id, Duration ttl) {
		String project = "projects/emulator";
		BranchSpec spec = new BranchSpec().setSourceBranch(project + "/branches/" + LakebaseEmulator.DEFAULT_BRANCH)
			.setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(ttl.toSeconds()).build());
		try {
			return workspace.postgres()
				.createBranch(new CreateBranchRequest().setParent(project)
					.setBranchId(id)
					.setBranch(new Branch().setSpec(spec)))
				.waitForCompletion();
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String mint(WorkspaceClient workspace, EmulatedEndpoint endpoint) {
		return workspace.postgres()
			.generateDatabaseCredential(new GenerateDatabaseCredentialRequest().setEndpoint(endpoint.path()))
			.getToken();
	}

	static String mintForInstance(WorkspaceClient workspace, String instance) {
		return workspace.database()
			.generateDatabaseCredential(new com.databricks.sdk.service.database.GenerateDatabaseCredentialRequest()
				.setInstanceNames(List.of(instance))
				.setRequestId(UUID.randomUUID().toString()))
			.getToken();
	}

	static Connection connect(LakebaseEmulator emulator, EmulatedEndpoint endpoint, String user, String password)
			throws SQLException {
		return DriverManager.getConnection(emulator.jdbcUrl(endpoint), user, password);
	}

	static String queryString(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
