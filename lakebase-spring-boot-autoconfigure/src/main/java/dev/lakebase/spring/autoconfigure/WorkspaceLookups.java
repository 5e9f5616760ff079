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

import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import dev.lakebase.spring.LakebaseConfigurationException;

/**
 * The workspace calls that resolving a connection makes: an endpoint, an instance's host,
 * the current user. A workspace error becomes a {@link LakebaseConfigurationException}
 * that names what was looked up.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceLookups {

	private final Supplier<WorkspaceClient> workspace;

	WorkspaceLookups(Supplier<WorkspaceClient> workspace) {
		this.workspace = workspace;
	}

	Endpoint endpoint(String path) {
		return lookup(() -> client().postgres().getEndpoint(new GetEndpointRequest().setName(path)),
				"endpoint " + path);
	}

	static String endpointHost(String path, Endpoint endpoint) {
		String host = (endpoint.getStatus() != null && endpoint.getStatus().getHosts() != null)
				? endpoint.getStatus().getHosts().getHost() : null;
		if (host == null) {
			throw new LakebaseConfigurationException(
					"The workspace reports no host for Lakebase endpoint " + path + ".",
					"Set lakebase.host (or PGHOST) to the endpoint's host.");
		}
		return host;
	}

	String instanceHost(String name) {
		String host = lookup(() -> client().database()
			.getDatabaseInstance(new GetDatabaseInstanceRequest().setName(name))
			.getReadWriteDns(), "instance " + name);
		if (host == null) {
			throw new LakebaseConfigurationException(
					"The workspace reports no host for Lakebase instance " + name + ".",
					"Set lakebase.host (or PGHOST) to the instance's read-write DNS name.");
		}
		return host;
	}

	String currentUserName() {
		return lookup(() -> client().currentUser().me(new MeRequest()).getUserName(), "the current user");
	}

	WorkspaceClient client() {
		try {
			return this.workspace.get();
		}
		catch (DatabricksException ex) {
			throw WorkspaceErrors.configurationFailure("set up the Databricks workspace client", ex);
		}
	}

	private static <T> T lookup(Supplier<T> call, String what) {
		try {
			return call.get();
		}
		catch (DatabricksException ex) {
			throw WorkspaceErrors.configurationFailure("look up " + what, ex);
		}
	}

}
