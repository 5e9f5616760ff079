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

package dev.lakebase.spring.test.junit;

import java.sql.Connection;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.test.LakebaseEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extensions registered as documented, on static fields, serve the {@code @Nested}
 * classes of the class that declares them: the first nested class to end does not stop
 * the emulator or delete the branch that the next one uses.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class NestedClassesShareTheExtensionsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@RegisterExtension
	static final LakebaseBranchExtension branch = new LakebaseBranchExtension(() -> workspace(lakebase.emulator()),
			"emulator")
		.prefix("nested");

	static @Nullable LakebaseEmulator firstEmulator;

	static @Nullable String firstBranch;

	@Nested
	@Order(1)
	class First {

		@Test
		void usesTheOuterClassesEmulatorAndBranch() {
			firstEmulator = lakebase.emulator();
			firstBranch = branch.branch().id();
		}

	}

	@Nested
	@Order(2)
	class Second {

		@Test
		void usesTheSameEmulatorAndBranchAfterTheFirstEnded() throws Exception {
			assertThat(lakebase.emulator()).isSameAs(firstEmulator);
			assertThat(branch.branch().id()).isEqualTo(firstBranch);
			LakebaseEmulator emulator = lakebase.emulator();
			assertThat(emulator.branchEndpoint(firstBranch).branch()).isEqualTo(firstBranch);
			try (Connection connection = emulator.postgres().connectAsSuperuser(emulator.endpoint())) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}

	}

	private static WorkspaceClient workspace(LakebaseEmulator emulator) {
		return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setClientId(emulator.identities().servicePrincipal().clientId())
			.setClientSecret(emulator.identities().servicePrincipal().clientSecret()));
	}

}
