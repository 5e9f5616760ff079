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

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import dev.lakebase.spring.jdbc.CredentialCache;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

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

	@Test
	void aLoginFailureIsNotLakebasesWhenTheStarterSteppedAsideForTheApplicationsDataSource() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("ownDetails", new LakebaseConnectionDetails() {

			@Override
			public String getHost() {
				return "ep-1.database.example.com";
			}

			@Override
			public String getUsername() {
				return "someone";
			}

		});
		SQLException refused = new SQLException("FATAL: password authentication failed for user \"someone\"", "28P01");
		RuntimeException failure = new IllegalStateException("Failed to initialize the pool", refused);
		assertThat(new LakebaseFailureAnalyzer(new StandardEnvironment(), beans).analyze(failure)).isNull();
		beans.registerSingleton("lakebaseCredentials",
				new CredentialCache(() -> null, new CredentialCache.Settings(Duration.ofMinutes(5),
						Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)), Clock.systemUTC()));
		assertThat(new LakebaseFailureAnalyzer(new StandardEnvironment(), beans).analyze(failure))
			.as("with the Lakebase DataSource in use")
			.isNotNull();
		beans.destroySingletons();
	}

}
