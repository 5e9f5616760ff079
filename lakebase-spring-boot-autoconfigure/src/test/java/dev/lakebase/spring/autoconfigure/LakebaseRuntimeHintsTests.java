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

import com.databricks.sdk.service.postgres.EndpointHosts;
import com.databricks.sdk.service.postgres.ListEndpointsResponse;
import dev.lakebase.spring.jdbc.LakebaseConnectExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image needs for what the starter and the SDK do by reflection.
 */
class LakebaseRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	LakebaseRuntimeHintsTests() {
		new LakebaseRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theDriverCanCreateTheConnectExecutorByName() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(LakebaseConnectExecutor.class.getConstructor())).accepts(this.hints);
	}

	@Test
	void theSdkCanMapTheResponsesTheStarterReadsDownToNestedTypes() {
		assertThat(RuntimeHintsPredicates.reflection().onType(ListEndpointsResponse.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(EndpointHosts.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("com.databricks.sdk.core.oauth.OAuthResponse"))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("com.databricks.sdk.core.DatabricksConfig"))).accepts(this.hints);
	}

}
