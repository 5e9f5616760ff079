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

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.util.ClassUtils;

/**
 * Tells the {@link EphemeralBranch} of a test's application context that a test failed,
 * so that the branch is kept when it is to be kept on failure.
 *
 * @author Lakebase Spring Boot contributors
 */
final class BranchFailureListener implements TestExecutionListener {

	private static final boolean SDK_PRESENT = ClassUtils.isPresent("com.databricks.sdk.WorkspaceClient",
			BranchFailureListener.class.getClassLoader());

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (SDK_PRESENT && testContext.getTestException() != null && testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(EphemeralBranch.class)
				.ifAvailable(EphemeralBranch::markFailed);
		}
	}

}
