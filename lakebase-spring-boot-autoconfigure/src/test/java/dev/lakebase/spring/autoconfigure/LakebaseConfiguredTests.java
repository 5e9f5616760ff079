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

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the environment names a Lakebase connection: what the SDK's early start and the
 * back-off report both ask.
 */
class LakebaseConfiguredTests {

	@Test
	void aTargetNamesLakebaseAndAHostOnlyBesideTheWorkspace() {
		assertThat(LakebaseConfigured.named(new MockEnvironment().withProperty("LAKEBASE_PROJECT", "p")))
			.isEqualTo("LAKEBASE_PROJECT is set");
		assertThat(LakebaseConfigured.named(new MockEnvironment().withProperty("PGHOST", "db.example.com"))).isNull();
		assertThat(LakebaseConfigured.named(new MockEnvironment().withProperty("PGHOST", "ep.example.com")
			.withProperty("DATABRICKS_APP_NAME", "notes"))).isEqualTo("PGHOST and DATABRICKS_APP_NAME are set");
		assertThat(LakebaseConfigured.named(new MockEnvironment())).isNull();
	}

	@Test
	void theWorkspaceMayBeNeededForAHostOrATargetButNotWithANativePassword() {
		assertThat(LakebaseConfigured.mayNeedWorkspace(new MockEnvironment().withProperty("PGHOST", "ep.example.com")))
			.isTrue();
		assertThat(LakebaseConfigured
			.mayNeedWorkspace(new MockEnvironment().withProperty("lakebase.instance-name", "inst"))).isTrue();
		assertThat(LakebaseConfigured.mayNeedWorkspace(
				new MockEnvironment().withProperty("PGHOST", "ep.example.com").withProperty("PGPASSWORD", "secret")))
			.isFalse();
		assertThat(LakebaseConfigured.mayNeedWorkspace(new MockEnvironment())).isFalse();
	}

}
