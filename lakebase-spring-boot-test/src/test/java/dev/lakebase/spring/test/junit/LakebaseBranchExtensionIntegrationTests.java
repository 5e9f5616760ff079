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

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.test.LakebaseEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LakebaseBranchExtension} against the emulator's workspace: a branch for the test
 * class, deleted after it, or kept when a test failed and it is to be kept.
 */
class LakebaseBranchExtensionIntegrationTests {

	@RegisterExtension
	final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void createsABranchBeforeTheTestsAndDeletesItAfterThem() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		LakebaseBranchExtension extension = new LakebaseBranchExtension(() -> workspace(emulator), "emulator")
			.prefix("class")
			.ttl(Duration.ofHours(1));
		extension.beforeAll(context(null));
		String id = extension.branch().id();
		assertThat(id).startsWith("class-");
		assertThat(emulator.branchEndpoint(id).branch()).isEqualTo(id);
		extension.afterEach(context(null));
		extension.afterAll(context(null));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.branchEndpoint(id));
	}

	@Test
	void keepsTheBranchOfAClassWithAFailedTestWhenAskedTo() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		LakebaseBranchExtension extension = new LakebaseBranchExtension(() -> workspace(emulator), "emulator")
			.keepOnFailure();
		extension.beforeAll(context(null));
		String id = extension.branch().id();
		extension.afterEach(context(new AssertionError("failed")));
		extension.afterEach(context(null));
		extension.afterAll(context(null));
		assertThat(emulator.branchEndpoint(id).branch()).isEqualTo(id);
	}

	private static WorkspaceClient workspace(LakebaseEmulator emulator) {
		return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setClientId(emulator.identities().servicePrincipal().clientId())
			.setClientSecret(emulator.identities().servicePrincipal().clientSecret()));
	}

	private static ExtensionContext context(@Nullable Throwable failure) {
		return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
				new Class<?>[] { ExtensionContext.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("getExecutionException")) {
						return Optional.ofNullable(failure);
					}
					if (method.getName().equals("getUniqueId")) {
						return "[engine:junit-jupiter]/[class:LakebaseBranchExtensionIntegrationTests]";
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

}
