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

package dev.lakebase.spring.env;

import java.util.Map;

import dev.lakebase.spring.autoconfigure.LakebaseTestSupport;
import dev.lakebase.spring.diagnostics.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code lakebase.*} key that does not exist fails startup with the key, where it came
 * from and the nearest valid name; environment variables are not keys.
 */
class UnknownPropertyCheckTests {

	@Test
	void typoFailsStartupNamingTheKeyItsOriginAndTheNearestName() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), "--lakebase.brnach=feature-x"))
			.withMessageContaining("Unknown Lakebase configuration property lakebase.brnach (from ")
			.withMessageContaining("did you mean lakebase.branch?")
			.withMessageNotContaining("feature-x")
			.satisfies(
					(ex) -> assertThat(ex.getAction()).contains("environment variables (LAKEBASE_*) are not checked"));
	}

	@Test
	void everyUnknownKeyIsListed() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), "--lakebase.wake.budgit=5s", "--lakebase.credentials.timout=5s",
					"--lakebase.something-else=x"))
			.withMessageContaining("lakebase.wake.budgit (from ")
			.withMessageContaining("did you mean lakebase.wake.budget?")
			.withMessageContaining("did you mean lakebase.credentials.timeout?")
			.withMessageContaining("lakebase.something-else (from ");
	}

	@Test
	void validKeysInAnyRelaxedSpellingAndEnvironmentVariablesPass() {
		try (ConfigurableApplicationContext context = run(
				Map.of("LAKEBASE_BRNACH", "feature-x", "LAKEBASE_ENDPOINT", "projects/p/branches/b/endpoints/e"),
				"--lakebase.wake.initialDelay=30ms", "--lakebase.credentials.refresh_window=1m",
				"--lakebase.read-only.host=ro.example.com", "--lakebase.databricks.config-file=/x")) {
			assertThat(context.getEnvironment().getProperty("lakebase.wake.initial-delay")).isEqualTo("30ms");
		}
	}

	private static ConfigurableApplicationContext run(Map<String, Object> systemEnvironment, String... args) {
		return LakebaseTestSupport.application(Empty.class, systemEnvironment).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
