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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.DeleteBranchRequest;
import com.databricks.sdk.service.postgres.ListBranchesRequest;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emulator's branch API through the unmodified SDK: branches created as copies of
 * their parent, isolated from each other, deleted on request or when their TTL ends, and
 * the project's branch limit.
 */
class BranchApiIntegrationTests {

	private static final String PROJECT = "projects/emulator";

	@RegisterExtension
	final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void concurrentBranchesStartAsCopiesOfTheParentAndStayApart() throws Exception {
		LakebaseEmulator emulator = this.lakebase.emulator();
		execute(emulator, emulator.endpoint(), "CREATE TABLE note (body text)",
				"GRANT SELECT, INSERT ON note TO PUBLIC", "INSERT INTO note VALUES ('before')");
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		ExecutorService runs = Executors.newFixedThreadPool(2);
		try {
			Future<Branch> a = runs.submit(() -> Sdk.createBranch(workspace, "run-a", Duration.ofHours(1)));
			Future<Branch> b = runs.submit(() -> Sdk.createBranch(workspace, "run-b", Duration.ofHours(1)));
			assertThat(a.get().getName()).isEqualTo(PROJECT + "/branches/run-a");
			assertThat(b.get().getStatus().getSourceBranch()).isEqualTo(PROJECT + "/branches/production");
		}
		finally {
			runs.shutdownNow();
		}
		EmulatedEndpoint branchA = emulator.branchEndpoint("run-a");
		// Like the branches it starts with: the shared port, on an address of its own
		assertThat(branchA.host()).isNotEqualTo(emulator.endpoint().host());
		assertThat(branchA.port()).isEqualTo(emulator.endpoint().port());
		execute(emulator, emulator.endpoint(), "INSERT INTO note VALUES ('after')");
		execute(emulator, emulator.branchEndpoint("run-a"), "INSERT INTO note VALUES ('in a')");
		assertThat(notes(emulator, workspace, emulator.branchEndpoint("run-a"))).containsExactly("before", "in a");
		assertThat(notes(emulator, workspace, emulator.branchEndpoint("run-b"))).containsExactly("before");
		assertThat(notes(emulator, workspace, emulator.endpoint())).containsExactly("before", "after");
		workspace.postgres()
			.deleteBranch(new DeleteBranchRequest().setName(PROJECT + "/branches/run-a"))
			.waitForCompletion();
		workspace.postgres()
			.deleteBranch(new DeleteBranchRequest().setName(PROJECT + "/branches/run-b"))
			.waitForCompletion();
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.branchEndpoint("run-a"));
		assertThat(workspace.postgres().listBranches(new ListBranchesRequest().setParent(PROJECT)))
			.extracting(Branch::getName)
			.containsExactly(PROJECT + "/branches/production");
	}

	@Test
	void aBranchIsDeletedWhenItsTtlEnds() throws Exception {
		LakebaseEmulator emulator = this.lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		Branch branch = Sdk.createBranch(workspace, "short-lived", Duration.ofSeconds(2));
		assertThat(branch.getStatus().getExpireTime()).isNotNull();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (emulator.endpoints().stream().anyMatch((endpoint) -> "short-lived".equals(endpoint.branch()))) {
			assertThat(System.nanoTime()).as("branch gone within 30 s").isLessThan(deadline);
			Thread.sleep(100);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.branchEndpoint("short-lived"));
	}

	@Test
	void theBranchLimitNamesTheBranchesToDelete() throws Exception {
		LakebaseEmulator emulator = this.lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		ExecutorService runs = Executors.newFixedThreadPool(9);
		try {
			List<Future<Branch>> created = new ArrayList<>();
			for (int i = 1; i <= 9; i++) {
				String id = "ci-" + i;
				created.add(runs.submit(() -> Sdk.createBranch(workspace, id, Duration.ofHours(1))));
			}
			for (Future<Branch> branch : created) {
				branch.get();
			}
		}
		finally {
			runs.shutdownNow();
		}
		assertThatExceptionOfType(DatabricksError.class)
			.isThrownBy(() -> Sdk.createBranch(workspace, "one-too-many", Duration.ofHours(1)))
			.withMessageContaining("limit of 10 branches")
			.withMessageContaining(PROJECT + "/branches/ci-9");
	}

	private static void execute(LakebaseEmulator emulator, EmulatedEndpoint endpoint, String... statements)
			throws SQLException {
		try (Connection connection = emulator.postgres().connectAsSuperuser(endpoint);
				var statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static List<String> notes(LakebaseEmulator emulator, WorkspaceClient workspace, EmulatedEndpoint endpoint)
			throws SQLException {
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		List<String> notes = new ArrayList<>();
		try (Connection connection = Sdk.connect(emulator, endpoint, app.roleName(), Sdk.mint(workspace, endpoint));
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT body FROM note ORDER BY ctid")) {
			while (result.next()) {
				notes.add(result.getString(1));
			}
		}
		return notes;
	}

}
