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

import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.metrics.MicrometerLakebaseEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseMetricsAutoConfiguration}: the Lakebase meters with the Lakebase
 * DataSource, tagged with the pool's name; none when the starter steps aside or
 * Micrometer is absent. No connection is made: the meters are read as they stand before
 * the first login.
 */
class LakebaseMetricsAutoConfigurationTests {

	private static final String[] NATIVE = { "PGHOST=ep.database.example.com", "PGUSER=app", "PGPASSWORD=secret" };

	private final ApplicationContextRunner runner = LakebaseTestSupport.runner()
		.withConfiguration(
				AutoConfigurations.of(LakebaseMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues(NATIVE);

	@Test
	void theMetersCarryTheDefaultPoolName() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MicrometerLakebaseEvents.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("lakebase.connection.pooled").tag("pool", "lakebase").gauge().value())
				.isEqualTo(0.0);
			assertThat(registry.get("lakebase.credentials.expiry").tag("pool", "lakebase").gauge()).isNotNull();
			assertThat(registry.find("lakebase.users.pools").gauge()).as("users are off").isNull();
		});
	}

	@Test
	void theMetersCarryThePoolNameTheApplicationGaveThePool() {
		this.runner.withPropertyValues("spring.datasource.hikari.pool-name=orders").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("lakebase.connection.pooled").tag("pool", "orders").gauge()).isNotNull();
			assertThat(registry.find("lakebase.connection.pooled").tag("pool", "lakebase").gauge()).isNull();
		});
	}

	@Test
	void noLakebaseMetersWhenTheStarterStepsAside() {
		this.runner.withUserConfiguration(LakebaseDataSourceAutoConfigurationTests.UserDataSource.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LakebaseEvents.class);
				assertThat(context.getBean(MeterRegistry.class).find("lakebase.credentials.expiry").gauge()).isNull();
				assertThat(context.getBean(MeterRegistry.class).find("lakebase.connection.pooled").gauge()).isNull();
			});
	}

	@Test
	void noLakebaseMetersWithoutMicrometer() {
		new ApplicationContextRunner().withConfiguration(LakebaseTestSupport.JDBC)
			.withConfiguration(AutoConfigurations.of(LakebaseMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues(NATIVE)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerLakebaseEvents.class));
	}

}
