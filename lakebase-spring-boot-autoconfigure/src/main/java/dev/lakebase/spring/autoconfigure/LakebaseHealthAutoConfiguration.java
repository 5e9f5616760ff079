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

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.health.LakebaseHealthIndicator;
import dev.lakebase.spring.jdbc.CredentialCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code lakebase} health indicator. Boot's {@code db}
 * indicator runs a query on every health check, which would wake a suspended endpoint and
 * keep an idle one awake, so while the Lakebase DataSource is active it backs off, by
 * name, as it does for an application's own {@code dbHealthContributor}, unless
 * {@code management.health.db.enabled} is set explicitly.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class },
		beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ LakebaseConnectionDetails.class, CredentialCache.class })
@ConditionalOnEnabledHealthIndicator("lakebase")
@EnableConfigurationProperties(LakebaseHealthProperties.class)
public final class LakebaseHealthAutoConfiguration {

	private static final Log logger = LogFactory.getLog(LakebaseHealthAutoConfiguration.class);

	private static final String COMPUTE_STATE_TTL = "management.health.lakebase.compute-state-ttl";

	private static final String DB_CONTRIBUTOR = "dbHealthContributor";

	@Bean
	@ConditionalOnMissingBean(name = "lakebaseHealthIndicator")
	HealthIndicator lakebaseHealthIndicator(LakebaseConnectionDetails connectionDetails, CredentialCache credentials,
			DataSource dataSource, LakebaseWorkspace workspace, LakebaseProperties properties,
			LakebaseHealthProperties health, Environment environment) throws java.sql.SQLException {
		return indicator(connectionDetails, workspace, computeStateTtl(properties, health, environment), credentials,
				dataSource.unwrap(HikariDataSource.class));
	}

	@Bean
	@ConditionalOnBean(LakebaseReadOnlyPool.class)
	@ConditionalOnMissingBean(name = "lakebaseReadOnlyHealthIndicator")
	HealthIndicator lakebaseReadOnlyHealthIndicator(LakebaseReadOnlyPool readOnlyPool, LakebaseWorkspace workspace,
			LakebaseProperties properties, LakebaseHealthProperties health, Environment environment) {
		return indicator(readOnlyPool.details(), workspace, computeStateTtl(properties, health, environment),
				readOnlyPool.credentials(), readOnlyPool.dataSource());
	}

	/**
	 * The compute-state TTL: {@code management.health.lakebase.compute-state-ttl}, or the
	 * deprecated {@code lakebase.health.compute-state-ttl} when only that is set.
	 */
	@SuppressWarnings("deprecation")
	private static Duration computeStateTtl(LakebaseProperties properties, LakebaseHealthProperties health,
			Environment environment) {
		Duration deprecated = properties.getHealth().getComputeStateTtl();
		if (deprecated == null || Binder.get(environment).bind(COMPUTE_STATE_TTL, Duration.class).isBound()) {
			return health.getComputeStateTtl();
		}
		logger.warn("lakebase.health.compute-state-ttl is deprecated; set " + COMPUTE_STATE_TTL + " instead");
		return deprecated;
	}

	private static LakebaseHealthIndicator indicator(LakebaseConnectionDetails details, LakebaseWorkspace workspace,
			Duration computeStateTtl, CredentialCache credentials, HikariDataSource dataSource) {
		return new LakebaseHealthIndicator(() -> {
			ResolvedConnection connection = ResolvedConnection.of(details);
			return new LakebaseHealthIndicator.Connection(connection.target().describe(), connection.host(),
					connection.target().kind() != ResolvedConnection.Kind.NATIVE_PASSWORD, connection.directHost());
		}, () -> {
			try {
				return workspace.computeState(ResolvedConnection.of(details).target());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(WorkspaceErrors.describe(ex), ex);
			}
		}, computeStateTtl, credentials, dataSource);
	}

	/**
	 * Takes the name of Boot's {@code db} contributor, which backs off when a bean of
	 * that name exists, as for an application's own. Not a health contributor itself:
	 * nothing reports as {@code db}.
	 * @return the marker
	 */
	@Bean(DB_CONTRIBUTOR)
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", DB_CONTRIBUTOR })
	@Conditional(NoDbHealthSetting.class)
	static DbHealthReplaced lakebaseReplacesDbHealthContributor() {
		logger.debug("Boot's 'db' health contributor backs off: its query would keep the Lakebase endpoint awake;"
				+ " the 'lakebase' contributor reports without connecting");
		return new DbHealthReplaced();
	}

	/**
	 * What stands in the place of Boot's {@code db} health contributor.
	 */
	static final class DbHealthReplaced {

		@Override
		public String toString() {
			return "Boot's db health contributor, replaced by the lakebase contributor";
		}

	}

	/**
	 * Matches unless {@code management.health.db.enabled} is set: set either way, Boot
	 * decides.
	 */
	static final class NoDbHealthSetting extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Lakebase db health replacement");
			return context.getEnvironment().containsProperty("management.health.db.enabled")
					? ConditionOutcome.noMatch(message.because("management.health.db.enabled is set"))
					: ConditionOutcome.match(message.because("management.health.db.enabled is not set"));
		}

	}

}
