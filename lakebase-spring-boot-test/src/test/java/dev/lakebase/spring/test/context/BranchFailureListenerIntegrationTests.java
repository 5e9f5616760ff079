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

import java.lang.reflect.Proxy;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.test.context.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BranchFailureListener}: a failed test marks the branch of its application
 * context, which is then kept when it is to be kept on failure; a test that passed leaves
 * it to be deleted.
 */
class BranchFailureListenerIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void aFailedTestMarksTheBranchOfItsContext() {
		LakebaseEmulator emulator = lakebase.emulator();
		String id;
		try (AnnotationConfigApplicationContext context = ImportLakebaseBranchIntegrationTests.context(emulator,
				ImportLakebaseBranchIntegrationTests.KeptOnFailure.class)) {
			id = context.getBean(EphemeralBranch.class).id();
			new BranchFailureListener().afterTestMethod(testContext(context, null));
			new BranchFailureListener().afterTestMethod(testContext(context, new AssertionError("failed")));
		}
		assertThat(emulator.branchEndpoint(id).branch()).isEqualTo(id);
		try (AnnotationConfigApplicationContext context = ImportLakebaseBranchIntegrationTests.context(emulator,
				ImportLakebaseBranchIntegrationTests.KeptOnFailure.class)) {
			id = context.getBean(EphemeralBranch.class).id();
			new BranchFailureListener().afterTestMethod(testContext(context, null));
		}
		String passed = id;
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.branchEndpoint(passed));
	}

	private static TestContext testContext(ApplicationContext context, @Nullable Throwable failure) {
		return (TestContext) Proxy.newProxyInstance(TestContext.class.getClassLoader(),
				new Class<?>[] { TestContext.class }, (proxy, method, arguments) -> switch (method.getName()) {
					case "hasApplicationContext" -> true;
					case "getApplicationContext" -> context;
					case "getTestException" -> failure;
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
