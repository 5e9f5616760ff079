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

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An endpoint named by its parts: the project defaults to that of the injected endpoint,
 * the branch to {@code production}; parts that contradict a full path fail naming both.
 */
class EndpointPartsTests {

	private static final String INJECTED = "projects/shop/branches/production/endpoints/primary";

	@Test
	void theProjectComesFromTheInjectedEndpointAndTheBranchDefaultsToProduction() {
		EndpointParts parts = parts("lakebase.endpoint-id=ep-2");
		assertThat(parts.isPresent()).isTrue();
		assertThat(parts.hasProject()).isFalse();
		assertThat(parts.endpointPath(INJECTED, null)).isEqualTo("projects/shop/branches/production/endpoints/ep-2");
		assertThat(parts("lakebase.branch=feature-x", "lakebase.endpoint-id=primary").endpointPath(INJECTED, null))
			.isEqualTo("projects/shop/branches/feature-x/endpoints/primary");
	}

	@Test
	void withoutAProjectToGoOnItFailsSayingWhatToSet() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> parts("lakebase.branch=feature-x").endpointPath(null, null))
			.withMessageContaining("lakebase.branch=feature-x")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("lakebase.project (or LAKEBASE_PROJECT)"));
	}

	@Test
	void partsThatContradictTheFullPathFailNamingBoth() {
		parts("lakebase.project=shop", "lakebase.branch=production").requireConsistentWith(INJECTED);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> parts("lakebase.branch=feature-x").requireConsistentWith(INJECTED))
			.withMessage("lakebase.endpoint is '" + INJECTED + "' but lakebase.branch is 'feature-x'.");
	}

	@Test
	void anInvalidIdFailsBeforeAnythingIsLookedUp() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> parts("lakebase.branch=Feature_X"))
			.withMessageContaining("lakebase.branch is 'Feature_X'");
		assertThat(parts().isPresent()).isFalse();
	}

	private static EndpointParts parts(String... properties) {
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			String[] pair = property.split("=", 2);
			environment.setProperty(pair[0], pair[1]);
		}
		LakebaseProperties bound = Binder.get(environment).bindOrCreate("lakebase", LakebaseProperties.class);
		return EndpointParts.of(bound.connectionSettings());
	}

}
