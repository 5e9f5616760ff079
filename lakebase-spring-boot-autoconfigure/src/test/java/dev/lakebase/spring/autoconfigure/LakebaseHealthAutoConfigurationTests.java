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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseHealthAutoConfiguration}: the {@code lakebase} indicator with the
 * Lakebase DataSource, in the place of Boot's {@code db} contributor unless
 * {@code management.health.db.enabled} is set or the application has its own; the
 * compute-state TTL from its key or the deprecated one. No connection is made: with a
 * native password there is no compute state to read, and with the lookup on the indicator
 * reports {@code UNKNOWN} until a reading arrives.
 */
@ExtendWith(OutputCaptureExtension.class)
class LakebaseHealthAutoConfigurationTests {

	private static final String[] NATIVE = { "PGHOST=ep.database.example.com", "PGUSER=app", "PGPASSWORD=secret" };

	private static final String[] MINTED = { "PGHOST=ep.database.example.com", "PGUSER=app",
			"LAKEBASE_ENDPOINT=projects/p/branches/production/endpoints/primary" };

	private final ApplicationContextRunner runner = LakebaseTestSupport.runner()
		.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class,
				DataSourceHealthContributorAutoConfiguration.class));

	@Test
	void theLakebaseIndicatorTakesThePlaceOfBootsDbContributor() {
		this.runner.withPropertyValues(NATIVE).run((context) -> {
			assertThat(context.getBeansOfType(HealthContributor.class)).as("health contributors")
				.containsOnlyKeys("lakebaseHealthIndicator");
			assertThat(context.getBean("dbHealthContributor"))
				.isInstanceOf(LakebaseHealthAutoConfiguration.DbHealthReplaced.class);
			Health health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", "ep.database.example.com")
				.containsEntry("pooler", false)
				.containsKey("mints")
				.doesNotContainKeys("computeState", "pool");
		});
	}

	@Test
	void bootsDbContributorStaysWhenItIsSetEitherWay() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("management.health.db.enabled=true")
			.run((context) -> assertThat(context.getBeansOfType(HealthContributor.class)).as("health contributors")
				.containsOnlyKeys("dbHealthContributor", "lakebaseHealthIndicator"));
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("management.health.db.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dbHealthContributor")
				.hasBean("lakebaseHealthIndicator"));
	}

	@Test
	void theApplicationsOwnDbContributorIsKept() {
		this.runner.withPropertyValues(NATIVE)
			.withUserConfiguration(OwnDbHealthContributor.class)
			.run((context) -> assertThat(context.getBean("dbHealthContributor"))
				.isSameAs(OwnDbHealthContributor.INDICATOR));
	}

	@Test
	void theApplicationsOwnLakebaseIndicatorIsKept() {
		this.runner.withPropertyValues(NATIVE)
			.withBean("lakebaseHealthIndicator", HealthIndicator.class, () -> OwnDbHealthContributor.INDICATOR)
			.run((context) -> assertThat(context.getBean("lakebaseHealthIndicator"))
				.isSameAs(OwnDbHealthContributor.INDICATOR));
	}

	@Test
	void turnedOffBootsDbContributorIsLeftAlone() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("management.health.lakebase.enabled=false")
			.run((context) -> assertThat(context.getBeansOfType(HealthContributor.class)).as("health contributors")
				.containsOnlyKeys("dbHealthContributor"));
	}

	@Test
	void withoutTheLakebaseDataSourceBootsDbContributorIsLeftAlone() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.enabled=false", "spring.datasource.url=jdbc:postgresql://elsewhere/db")
			.run((context) -> assertThat(context.getBeansOfType(HealthContributor.class)).as("health contributors")
				.containsOnlyKeys("dbHealthContributor"));
	}

	@Test
	void theComputeStateLookupCanBeTurnedOff() {
		this.runner.withPropertyValues(MINTED)
			.run((context) -> assertThat(computeStateShown(context.getBean("lakebaseHealthIndicator"))).isTrue());
		this.runner.withPropertyValues(MINTED)
			.withPropertyValues("management.health.lakebase.compute-state-ttl=0")
			.run((context) -> assertThat(computeStateShown(context.getBean("lakebaseHealthIndicator"))).isFalse());
	}

	@Test
	void theDeprecatedComputeStateTtlWorksWithAWarningUnlessTheNewOneIsSet(CapturedOutput output) {
		this.runner.withPropertyValues(MINTED)
			.withPropertyValues("lakebase.health.compute-state-ttl=0")
			.run((context) -> assertThat(computeStateShown(context.getBean("lakebaseHealthIndicator"))).isFalse());
		assertThat(output).contains("lakebase.health.compute-state-ttl is deprecated; set "
				+ "management.health.lakebase.compute-state-ttl instead");
		int warnings = output.toString().split("is deprecated; set management").length;
		this.runner.withPropertyValues(MINTED)
			.withPropertyValues("lakebase.health.compute-state-ttl=0",
					"management.health.lakebase.compute-state-ttl=30s")
			.run((context) -> assertThat(computeStateShown(context.getBean("lakebaseHealthIndicator"))).isTrue());
		assertThat(output.toString().split("is deprecated; set management")).as("no second warning").hasSize(warnings);
	}

	private static boolean computeStateShown(Object indicator) {
		return ((HealthIndicator) indicator).health(true).getDetails().containsKey("computeState");
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDbHealthContributor {

		static final HealthIndicator INDICATOR = () -> Health.up().withDetail("own", true).build();

		@Bean
		HealthIndicator dbHealthContributor() {
			return INDICATOR;
		}

	}

}
