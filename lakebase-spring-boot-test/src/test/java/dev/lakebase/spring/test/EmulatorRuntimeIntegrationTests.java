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
import java.util.concurrent.TimeoutException;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.DeleteBranchRequest;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmulatorRuntime}: an emulator starts once; a branch created through the
 * workspace API gets an endpoint that wakes and suspends as its source's does; a deleted
 * branch's endpoint and database are gone.
 */
class EmulatorRuntimeIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(LakebaseEmulator.builder()
		.wakeMode(WakeMode.REFUSE)
		.wakeDelay(Duration.ofMillis(700))
		.autoSuspendAfter(Duration.ofMinutes(3)));

	@Test
	void anEmulatorStartsOnce() {
		assertThatIllegalStateException().isThrownBy(() -> lakebase.emulator().start())
			.withMessage("The emulator was started already");
	}

	@Test
	void aBranchsEndpointWakesAndSuspendsAsItsSourcesDoes() {
		LakebaseEmulator emulator = lakebase.emulator();
		Sdk.createBranch(workspace(), "settings", Duration.ofHours(1));
		EmulatedEndpoint branch = emulator.branchEndpoint("settings");
		assertThat(branch.wakeMode()).isEqualTo(WakeMode.REFUSE);
		assertThat(branch.wakeDelay()).isEqualTo(Duration.ofMillis(700));
		assertThat(branch.autoSuspendAfter()).isEqualTo(Duration.ofMinutes(3));
		assertThat(branch.host()).isNotEqualTo(emulator.endpoint().host());
	}

	@Test
	void aDeletedBranchsEndpointAndDatabaseAreGone() throws SQLException, TimeoutException {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = workspace();
		String name = Sdk.createBranch(workspace, "deleted", Duration.ofHours(1)).getName();
		assertThat(database("deleted")).isTrue();
		workspace.postgres().deleteBranch(new DeleteBranchRequest().setName(name)).waitForCompletion();
		assertThat(emulator.endpoints()).extracting(EmulatedEndpoint::path)
			.noneMatch((path) -> path.startsWith(name + "/"));
		assertThat(database("deleted")).isFalse();
	}

	private static WorkspaceClient workspace() {
		LakebaseEmulator emulator = lakebase.emulator();
		return Sdk.m2m(emulator, emulator.identities().servicePrincipal());
	}

	private static boolean database(String branch) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		try (Connection connection = emulator.postgres().connectAsSuperuser(emulator.endpoint())) {
			return "t".equals(Sdk.queryString(connection, "SELECT count(*) > 0 FROM pg_database WHERE datname = '"
					+ LakebaseEmulator.DEFAULT_DATABASE + "__" + branch + "'"));
		}
	}

}
