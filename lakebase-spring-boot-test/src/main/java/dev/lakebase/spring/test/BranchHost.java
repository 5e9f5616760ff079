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

import java.io.IOException;
import java.util.List;

/**
 * What creates and deletes the branches the workspace API is asked for: a branch's
 * database and its read-write endpoint.
 *
 * @author Lakebase Spring Boot contributors
 */
interface BranchHost {

	/**
	 * Create a branch whose database is a copy of its source branch's as it is now, with
	 * a read-write endpoint.
	 * @param project the project id
	 * @param branchId the new branch's id
	 * @param source the read-write endpoint of the source branch
	 * @return the new branch's read-write endpoint
	 * @throws IOException if its front cannot be opened
	 */
	EmulatedEndpoint createBranch(String project, String branchId, EmulatedEndpoint source) throws IOException;

	/**
	 * Delete a branch: its endpoints' fronts close and its database is dropped.
	 * @param endpoints the branch's endpoints
	 */
	void deleteBranch(List<EmulatedEndpoint> endpoints);

}
