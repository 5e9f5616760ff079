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

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseLoggingDefaults}: the loggers that would print tokens are quiet unless
 * the application names them, and the defaults are added once.
 */
class LakebaseLoggingDefaultsTests {

	@Test
	void wireLoggersAreQuietByDefaultAndANamedLevelWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.level.org.apache.http.headers",
				"DEBUG");
		LakebaseLoggingDefaults defaults = new LakebaseLoggingDefaults();
		defaults.postProcessEnvironment(environment, new SpringApplication());
		defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.org.apache.http.wire")).isEqualTo("OFF");
		assertThat(environment.getProperty("logging.level.com.databricks.sdk.core.ApiClient")).isEqualTo("INFO");
		assertThat(environment.getProperty("logging.level.org.apache.http.headers")).isEqualTo("DEBUG");
		assertThat(environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().equals(LakebaseLoggingDefaults.PROPERTY_SOURCE_NAME))).hasSize(1);
	}

}
