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

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that says once, at INFO, why the Lakebase DataSource steps aside
 * when Lakebase connection values are present (for example {@code PGHOST} with the
 * Databricks variables) but something else supplies the connection: the reason is the
 * outcome Boot's condition evaluation recorded for
 * {@link LakebaseDataSourceAutoConfiguration}, such as {@code spring.datasource.url}
 * being set or an application {@code DataSource} bean. Silent with
 * {@code lakebase.enabled=false}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "lakebase.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(LakebaseConnectionDetails.class)
@Conditional(LakebaseBackOffReportAutoConfiguration.LakebaseValuesCondition.class)
public final class LakebaseBackOffReportAutoConfiguration {

	private static final Log logger = LogFactory.getLog(LakebaseDataSourceAutoConfiguration.class);

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SmartInitializingSingleton lakebaseBackOffReport(ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		return () -> logger.info("Lakebase DataSource not used although " + LakebaseValuesCondition.found(environment)
				+ ": " + reason(beanFactory) + ". To connect to Lakebase, remove what supplies the other connection; "
				+ "to silence this, set lakebase.enabled=false.");
	}

	private static @Nullable String reason(ConfigurableListableBeanFactory beanFactory) {
		Map<String, ConditionAndOutcomes> outcomes = ConditionEvaluationReport.get(beanFactory)
			.getConditionAndOutcomesBySource();
		ConditionAndOutcomes lakebase = outcomes.get(LakebaseDataSourceAutoConfiguration.class.getName());
		if (lakebase != null) {
			for (ConditionAndOutcome conditionAndOutcome : lakebase) {
				ConditionOutcome outcome = conditionAndOutcome.getOutcome();
				if (!outcome.isMatch()) {
					return outcome.getMessage();
				}
			}
		}
		return "its auto-configuration did not apply (see the condition evaluation report, --debug)";
	}

	/**
	 * Matches when the environment names a Lakebase connection
	 * ({@link LakebaseConfigured#named(Environment)}).
	 */
	static final class LakebaseValuesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String found = found(context.getEnvironment());
			return (found != null) ? ConditionOutcome.match(found) : ConditionOutcome.noMatch("no Lakebase values");
		}

		static @Nullable String found(Environment environment) {
			return LakebaseConfigured.named(environment);
		}

	}

}
