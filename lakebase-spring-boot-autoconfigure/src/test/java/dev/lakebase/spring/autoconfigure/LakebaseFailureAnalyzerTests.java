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

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link LakebaseFailureAnalyzer} makes of a start-up failure of the Lakebase
 * DataSource.
 */
class LakebaseFailureAnalyzerTests {

	private static final String[] NATIVE = { "PGHOST=ep-env.database.example.com", "PGUSER=env_user",
			"PGPASSWORD=env-password" };

	@Test
	void failureAnalyzerReportsDescriptionAndAction() {
		LakebaseTestSupport.runner().withPropertyValues(NATIVE).withPropertyValues("PGPORT=0").run((context) -> {
			var analysis = new LakebaseFailureAnalyzer(new StandardEnvironment(), null)
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("PGPORT is '0'");
			assertThat(analysis.getAction()).isEqualTo("Set PGPORT to a port number between 1 and 65535.");
		});
	}

}
