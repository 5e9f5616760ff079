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

import com.databricks.sdk.core.DatabricksError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of a workspace error: its HTTP status, error code and message, and what to do
 * for it.
 */
class WorkspaceErrorsTests {

	@Test
	void anAnswerOfTheWorkspaceIsDescribedByItsStatusCodeAndMessageWhereverItIsInTheChain() {
		DatabricksError forbidden = new DatabricksError("PERMISSION_DENIED", "no access to the project", 403);
		assertThat(WorkspaceErrors.describe(forbidden))
			.isEqualTo("HTTP 403 PERMISSION_DENIED: no access to the project");
		assertThat(WorkspaceErrors.describe(new IllegalStateException("minting failed", forbidden)))
			.isEqualTo("minting failed (HTTP 403 PERMISSION_DENIED: no access to the project)");
		assertThat(WorkspaceErrors.describe(new IllegalStateException("connection refused")))
			.isEqualTo("connection refused");
		assertThat(WorkspaceErrors.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
	}

	@Test
	void theActionFollowsTheStatus() {
		assertThat(WorkspaceErrors.action(new DatabricksError("NOT_FOUND", "no such endpoint", 404)))
			.contains("lakebase.endpoint / LAKEBASE_ENDPOINT")
			.contains("lakebase.instance-name");
		assertThat(WorkspaceErrors.action(new DatabricksError("PERMISSION_DENIED", "no", 403)))
			.contains("add the database as an app resource");
		assertThat(WorkspaceErrors.action(new DatabricksError("UNAVAILABLE", "later", 503)))
			.contains("Check that the workspace is reachable");
		assertThat(WorkspaceErrors.action(new DatabricksError("UNAUTHENTICATED", "who", 401)))
			.isEqualTo(WorkspaceErrors.action(new IllegalStateException("cannot configure default credentials")));
	}

}
