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

import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.ConditionalOnSqlInitialization;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.init.DatabasePopulator;

/**
 * The connection pooler ({@code lakebase.pooler.enabled}): the application's
 * {@code dataSource} connects to the endpoint's pooled host, and a small pool of the
 * direct host serves what a transaction-mode pooler cannot: Flyway, Liquibase and
 * {@code spring.sql.init} migrations, and the application's session-bound work through
 * {@link dev.lakebase.spring.jdbc.LakebaseDirectHost}.
 *
 * @author Lakebase Spring Boot contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("lakebase.pooler.enabled")
class LakebasePoolerConfiguration {

	@Bean
	LakebaseDirectPool lakebaseDirectHost(LakebaseConnectionDetails connectionDetails, LakebaseWorkspace workspace,
			CredentialCache credentials, LakebaseProperties properties, Environment environment,
			ObjectProvider<LakebaseEvents> events) {
		properties.getPooler().check();
		return new LakebaseDirectPool(connectionDetails, workspace, credentials, properties, environment,
				events.getIfAvailable(() -> LakebaseEvents.NONE));
	}

	/**
	 * Flyway migrates through the direct host: it holds an advisory lock for the whole
	 * migration. A Flyway of its own {@code spring.flyway.url} or
	 * {@code @FlywayDataSource} is left alone.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ org.flywaydb.core.Flyway.class, FlywayConfigurationCustomizer.class })
	static class FlywayConfiguration {

		@Bean
		FlywayConfigurationCustomizer lakebaseFlywayOnDirectHost(LakebaseDirectPool directHost,
				ObjectProvider<DataSource> dataSource) {
			return (configuration) -> {
				if (configuration.getDataSource() != null
						&& configuration.getDataSource() == dataSource.getIfUnique()) {
					configuration.dataSource(directHost.dataSource());
				}
			};
		}

	}

	/**
	 * Liquibase migrates through the direct host; one with a data source of its own is
	 * left alone.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringLiquibase.class)
	static class LiquibaseConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static LiquibaseOnDirectHost lakebaseLiquibaseOnDirectHost(ObjectProvider<LakebaseDirectPool> directHost,
				ObjectProvider<DataSource> dataSource) {
			return new LiquibaseOnDirectHost(directHost, dataSource);
		}

	}

	/**
	 * {@code spring.sql.init} scripts run through the direct host: Spring Boot's own
	 * initializer backs off. With {@code spring.sql.init.username} or {@code password},
	 * Spring Boot's runs as configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ DatabasePopulator.class, ApplicationDataSourceScriptDatabaseInitializer.class })
	@ConditionalOnSqlInitialization
	@Conditional(NoSqlInitCredentials.class)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	@EnableConfigurationProperties(SqlInitializationProperties.class)
	static class SqlInitializationConfiguration {

		@Bean
		ApplicationDataSourceScriptDatabaseInitializer lakebaseDataSourceScriptDatabaseInitializer(
				LakebaseDirectPool directHost, SqlInitializationProperties properties) {
			return new ApplicationDataSourceScriptDatabaseInitializer(directHost.dataSource(), properties);
		}

	}

	static final class NoSqlInitCredentials extends NoneNestedConditions {

		NoSqlInitCredentials() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("spring.sql.init.username")
		static class Username {

		}

		@ConditionalOnProperty("spring.sql.init.password")
		static class Password {

		}

	}

	static final class LiquibaseOnDirectHost implements BeanPostProcessor {

		private final ObjectProvider<LakebaseDirectPool> directHost;

		private final ObjectProvider<DataSource> dataSource;

		LiquibaseOnDirectHost(ObjectProvider<LakebaseDirectPool> directHost, ObjectProvider<DataSource> dataSource) {
			this.directHost = directHost;
			this.dataSource = dataSource;
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null
					&& liquibase.getDataSource() == this.dataSource.getIfUnique()) {
				liquibase.setDataSource(this.directHost.getObject().dataSource());
			}
			return bean;
		}

	}

}
