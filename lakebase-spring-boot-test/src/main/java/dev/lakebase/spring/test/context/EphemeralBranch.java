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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.DeleteBranchRequest;
import com.databricks.sdk.service.postgres.EndpointStatus;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.ListBranchesRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Lakebase branch created for one test run, from a parent branch, through the
 * Databricks SDK, with a TTL so that a run that crashes leaves nothing behind for long.
 * Closing it deletes it, unless the run failed and the branch is kept for a look (its
 * name is logged then).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EphemeralBranch implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EphemeralBranch.class);

	private final WorkspaceClient workspace;

	private final String name;

	private final String id;

	private final boolean keepOnFailure;

	private volatile boolean failed;

	private volatile boolean closed;

	private EphemeralBranch(WorkspaceClient workspace, String name, String id, boolean keepOnFailure) {
		this.workspace = workspace;
		this.name = name;
		this.id = id;
		this.keepOnFailure = keepOnFailure;
	}

	/**
	 * Create a branch and wait until it is ready.
	 * @param workspace the workspace client
	 * @param project the project id
	 * @param parent the id of the branch to copy
	 * @param id the new branch's id
	 * @param ttl how long the branch lives at most
	 * @param keepOnFailure whether a failed run keeps its branch
	 * @return the branch
	 * @throws IllegalStateException if it cannot be created, naming the branches to
	 * delete when the project has reached its branch limit
	 */
	public static EphemeralBranch create(WorkspaceClient workspace, String project, String parent, String id,
			Duration ttl, boolean keepOnFailure) {
		String projectName = "projects/" + project;
		BranchSpec spec = new BranchSpec().setSourceBranch(projectName + "/branches/" + parent)
			.setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(ttl.toSeconds()).build());
		try {
			Branch branch = workspace.postgres()
				.createBranch(new CreateBranchRequest().setParent(projectName)
					.setBranchId(id)
					.setBranch(new Branch().setSpec(spec)))
				.waitForCompletion();
			logger.info("Created Lakebase branch " + branch.getName() + " from " + parent + " for this run (TTL " + ttl
					+ ")");
			return new EphemeralBranch(workspace, branch.getName(), id, keepOnFailure);
		}
		catch (DatabricksError ex) {
			throw new IllegalStateException("Could not create Lakebase branch " + id + " in " + projectName + ": "
					+ ex.getMessage() + " Branches of the project: " + branches(workspace, projectName)
					+ "; delete the ones no run needs.", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Lakebase branch " + id + " in " + projectName + " was not ready in time",
					ex);
		}
	}

	/**
	 * Return a name for a run's branch: the prefix, the GitHub Actions run and attempt
	 * (or the time), and a random suffix.
	 * @param prefix the start of the name
	 * @return a valid, unique branch id
	 */
	public static String nameForRun(String prefix) {
		return BranchNames.forRun(prefix, System.getenv(), Clock.systemUTC());
	}

	private static List<String> branches(WorkspaceClient workspace, String projectName) {
		try {
			return StreamSupport.stream(
					workspace.postgres().listBranches(new ListBranchesRequest().setParent(projectName)).spliterator(),
					false)
				.map(Branch::getName)
				.toList();
		}
		catch (RuntimeException ex) {
			return List.of("(could not be listed: " + ex.getMessage() + ")");
		}
	}

	/**
	 * Return the branch id, the value of {@code lakebase.branch}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the resource name, {@code projects/P/branches/B}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the branch's read-write endpoint as the workspace reports it.
	 * @return the endpoint's resource name and host
	 * @throws IllegalStateException if the branch has no read-write endpoint with a host
	 */
	Endpoint readWriteEndpoint() {
		for (com.databricks.sdk.service.postgres.Endpoint endpoint : this.workspace.postgres()
			.listEndpoints(new ListEndpointsRequest().setParent(this.name))) {
			EndpointStatus status = endpoint.getStatus();
			if (status != null && status.getEndpointType() == EndpointType.ENDPOINT_TYPE_READ_WRITE
					&& status.getHosts() != null && status.getHosts().getHost() != null) {
				return new Endpoint(endpoint.getName(), status.getHosts().getHost(),
						status.getHosts().getReadWritePooledHost());
			}
		}
		throw new IllegalStateException("Lakebase branch " + this.name + " has no read-write endpoint with a host");
	}

	/**
	 * A read-write endpoint of the branch.
	 *
	 * @param path its resource name
	 * @param host its host
	 * @param pooledHost the host of its connection pooler, or {@code null}
	 */
	record Endpoint(String path, String host, @Nullable String pooledHost) {
	}

	/**
	 * Record that a test of the run failed.
	 */
	public void markFailed() {
		this.failed = true;
	}

	/**
	 * Delete the branch and wait for the deletion, unless the run failed and the branch
	 * is to be kept.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.failed && this.keepOnFailure) {
			logger.warn("Kept Lakebase branch " + this.name + " of a failed run; it expires with its TTL");
			return;
		}
		try {
			this.workspace.postgres().deleteBranch(new DeleteBranchRequest().setName(this.name)).waitForCompletion();
			logger.info("Deleted Lakebase branch " + this.name);
		}
		catch (TimeoutException | RuntimeException ex) {
			logger.warn("Could not delete Lakebase branch " + this.name + " (it expires with its TTL): " + ex);
		}
	}

}
