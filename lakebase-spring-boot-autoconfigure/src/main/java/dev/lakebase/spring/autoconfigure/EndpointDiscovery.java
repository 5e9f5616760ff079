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

import java.util.ArrayList;
import java.util.List;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.ListBranchesRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import com.databricks.sdk.service.postgres.ListProjectsRequest;
import com.databricks.sdk.service.postgres.Project;
import dev.lakebase.spring.LakebaseConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Autoscaling endpoint whose host is the configured host, by listing the
 * projects, branches and endpoints the identity can see. Databricks Apps inject only
 * {@code PGHOST}; the credential API needs the endpoint path.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EndpointDiscovery {

	private static final Log logger = LogFactory.getLog(EndpointDiscovery.class);

	private final WorkspaceClient workspace;

	EndpointDiscovery(WorkspaceClient workspace) {
		this.workspace = workspace;
	}

	/**
	 * Return the single read-write endpoint of a branch.
	 * @param branch the branch path, {@code projects/{project}/branches/{branch}}
	 * @param source the properties that named the branch, for messages
	 * @return the endpoint path
	 */
	String readWriteEndpoint(String branch, String source) {
		List<String> readWrite = new ArrayList<>();
		List<String> all = new ArrayList<>();
		try {
			for (Endpoint endpoint : this.workspace.postgres()
				.listEndpoints(new ListEndpointsRequest().setParent(branch))) {
				all.add(endpoint.getName());
				if (type(endpoint) == EndpointType.ENDPOINT_TYPE_READ_WRITE) {
					readWrite.add(endpoint.getName());
				}
			}
		}
		catch (DatabricksException ex) {
			throw WorkspaceErrors.configurationFailure("list the endpoints of Lakebase branch " + branch, ex);
		}
		if (readWrite.size() != 1) {
			throw new LakebaseConfigurationException(
					"Lakebase branch " + branch + " (from " + source + ") has "
							+ (readWrite.isEmpty() ? "no read-write endpoint"
									: readWrite.size() + " read-write endpoints")
							+ "; its endpoints are " + all + ".",
					"Check lakebase.project and lakebase.branch, or choose the endpoint with lakebase.endpoint-id.");
		}
		logger.info("Lakebase endpoint " + readWrite.get(0) + " chosen: the read-write endpoint of " + branch);
		return readWrite.get(0);
	}

	private static @Nullable EndpointType type(Endpoint endpoint) {
		if (endpoint.getStatus() != null && endpoint.getStatus().getEndpointType() != null) {
			return endpoint.getStatus().getEndpointType();
		}
		return (endpoint.getSpec() != null) ? endpoint.getSpec().getEndpointType() : null;
	}

	Endpoint findByHost(String host, String hostSource) {
		List<Endpoint> matches = new ArrayList<>();
		try {
			for (Project project : this.workspace.postgres().listProjects(new ListProjectsRequest())) {
				for (Branch branch : this.workspace.postgres()
					.listBranches(new ListBranchesRequest().setParent(project.getName()))) {
					for (Endpoint endpoint : this.workspace.postgres()
						.listEndpoints(new ListEndpointsRequest().setParent(branch.getName()))) {
						if (endpoint.getStatus() != null && endpoint.getStatus().getHosts() != null
								&& host.equalsIgnoreCase(endpoint.getStatus().getHosts().getHost())) {
							matches.add(endpoint);
						}
					}
				}
			}
		}
		catch (DatabricksException ex) {
			throw WorkspaceErrors.configurationFailure("list the Lakebase endpoints to find the one at " + host, ex);
		}
		if (matches.size() != 1) {
			String found = matches.isEmpty() ? "No Lakebase endpoint visible to this identity has" : matches.size()
					+ " Lakebase endpoints " + matches.stream().map(Endpoint::getName).toList() + " have";
			throw new LakebaseConfigurationException(found + " the host " + host + " (from " + hostSource + ").",
					"Set LAKEBASE_ENDPOINT (or lakebase.endpoint) to the endpoint path, projects/{project}/branches/{branch}/endpoints/{endpoint}.");
		}
		logger.info("Lakebase endpoint " + matches.get(0).getName() + " chosen: its host matches " + hostSource + " "
				+ host);
		return matches.get(0);
	}

}
