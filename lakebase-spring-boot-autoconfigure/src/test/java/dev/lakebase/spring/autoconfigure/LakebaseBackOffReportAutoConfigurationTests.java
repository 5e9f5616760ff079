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

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Lakebase values are present but something else supplies the connection, one INFO
 * line says why the Lakebase DataSource is not used.
 */
@ExtendWith(OutputCaptureExtension.class)
class LakebaseBackOffReportAutoConfigurationTests {

	private static final String NOT_USED = "Lakebase DataSource not used";

	private final ApplicationContextRunner runner = LakebaseTestSupport.runner()
		.withConfiguration(AutoConfigurations.of(LakebaseBackOffReportAutoConfiguration.class))
		.withPropertyValues("PGHOST=ep-1.database.example.com", "PGUSER=someone", "PGPASSWORD=secret",
				"DATABRICKS_HOST=https://workspace.example.com");

	@Test
	void dataSourceUrlIsNamedOnce(CapturedOutput output) {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://elsewhere:5432/app")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().lines().filter((line) -> line.contains(NOT_USED))).singleElement()
			.asString()
			.contains("INFO")
			.contains("PGHOST and DATABRICKS_HOST are set")
			.contains("spring.datasource.url is set")
			.contains("lakebase.enabled=false")
			.doesNotContain("secret");
	}

	@Test
	void applicationDataSourceIsNamed(CapturedOutput output) {
		this.runner.withUserConfiguration(UserDataSource.class).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut()).contains(NOT_USED).contains("found beans of type 'javax.sql.DataSource'");
	}

	@Test
	void everyNameOfALakebaseTargetCounts(CapturedOutput output) {
		String[] targets = { "lakebase.endpoint=projects/p/branches/b/endpoints/e",
				"LAKEBASE_ENDPOINT=projects/p/branches/b/endpoints/e", "lakebase.host=ep-1.database.example.com",
				"lakebase.project=p", "LAKEBASE_PROJECT=p", "lakebase.instance-name=inst",
				"LAKEBASE_INSTANCE_NAME=inst" };
		for (String target : targets) {
			new ApplicationContextRunner().withConfiguration(LakebaseTestSupport.JDBC)
				.withConfiguration(AutoConfigurations.of(LakebaseBackOffReportAutoConfiguration.class))
				.withPropertyValues(target, "spring.datasource.url=jdbc:postgresql://x:5432/app")
				.run((context) -> assertThat(context).hasNotFailed());
			String name = target.substring(0, target.indexOf('='));
			assertThat(output.getOut()).as(name).contains(NOT_USED + " although " + name + " is set");
		}
	}

	@Test
	void silentWhenTheLakebaseDataSourceIsUsedOrTurnedOffOrNothingPointsAtLakebase(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LakebaseConnectionDetails.class));
		this.runner.withPropertyValues("lakebase.enabled=false", "spring.datasource.url=jdbc:postgresql://x:5432/app")
			.run((context) -> assertThat(context).hasNotFailed());
		new ApplicationContextRunner().withConfiguration(LakebaseTestSupport.JDBC)
			.withConfiguration(AutoConfigurations.of(LakebaseBackOffReportAutoConfiguration.class))
			.withPropertyValues("PGHOST=db.example.com", "spring.datasource.url=jdbc:postgresql://x:5432/app")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut()).doesNotContain(NOT_USED);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSource {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource();
		}

	}

}
