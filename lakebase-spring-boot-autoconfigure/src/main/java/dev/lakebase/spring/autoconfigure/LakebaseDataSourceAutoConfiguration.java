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

import java.sql.Connection;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;

import com.databricks.sdk.WorkspaceClient;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a Lakebase DataSource: Spring Boot's Hikari pool, connected to
 * the Lakebase endpoint found from {@code lakebase.*} properties, the {@code PG*}
 * variables Databricks Apps inject, or the workspace, with OAuth credentials minted
 * through the Databricks SDK and refreshed before they expire. Backs off when the
 * application defines a {@link DataSource}, sets {@code spring.datasource.url}, or has
 * other {@link JdbcConnectionDetails} (for example a Testcontainers
 * {@code @ServiceConnection}).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass({ HikariDataSource.class, WorkspaceClient.class, org.postgresql.Driver.class,
		JdbcConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "lakebase.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(value = { DataSource.class, JdbcConnectionDetails.class },
		ignored = LakebaseConnectionDetails.class)
@Conditional(LakebaseDataSourceAutoConfiguration.NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(LakebaseProperties.class)
@ImportRuntimeHints(LakebaseRuntimeHints.class)
@Import(LakebasePoolerConfiguration.class)
public final class LakebaseDataSourceAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static EarlyConnectionResolution lakebaseEarlyConnectionResolution() {
		return new EarlyConnectionResolution();
	}

	@Bean
	@ConditionalOnMissingBean
	LakebaseWorkspaceDetails lakebaseWorkspaceDetails(LakebaseProperties properties, Environment environment) {
		return new PropertiesLakebaseWorkspaceDetails(properties.getDatabricks().settings(environment));
	}

	/**
	 * The workspace: the application's {@link WorkspaceClient} with the starter's own
	 * details, else a client of the details.
	 */
	@Bean
	LakebaseWorkspace lakebaseWorkspace(LakebaseWorkspaceDetails details,
			ObjectProvider<WorkspaceClient> workspaceClient,
			ObjectProvider<EarlyConnectionResolution> earlyResolution) {
		boolean ownDetails = details instanceof PropertiesLakebaseWorkspaceDetails;
		EarlyConnectionResolution started = earlyResolution.getIfAvailable();
		if (ownDetails && started != null && started.workspace() != null && workspaceClient.getIfUnique() == null) {
			return started.workspace();
		}
		return new LakebaseWorkspace(SingletonSupplier.of(() -> {
			WorkspaceClient own = ownDetails ? workspaceClient.getIfUnique() : null;
			return (own != null) ? WorkspaceClientFactory.applications(own)
					: WorkspaceClientFactory.create(WorkspaceClientFactory.Settings.of(details));
		}));
	}

	@Bean
	@ConditionalOnMissingBean
	LakebaseConnectionDetails lakebaseConnectionDetails(LakebaseProperties properties, Environment environment,
			LakebaseWorkspace workspace, ObjectProvider<EarlyConnectionResolution> earlyResolution) {
		EarlyConnectionResolution started = earlyResolution.getIfAvailable();
		if (started != null && started.workspace() == workspace && started.connectionDetails() != null) {
			return started.connectionDetails();
		}
		return new PropertiesLakebaseConnectionDetails(
				() -> new ConnectionResolver(properties.connectionSettings(), environment, workspace.client())
					.resolve());
	}

	@Bean
	CredentialCache lakebaseCredentials(LakebaseConnectionDetails connectionDetails, LakebaseWorkspace workspace,
			LakebaseProperties properties, ObjectProvider<LakebaseEvents> events) {
		Clock clock = Clock.systemUTC();
		return new CredentialCache(
				() -> workspace.credentialSource(ResolvedConnection.of(connectionDetails).target(),
						properties.getCredentials(), clock),
				properties.getCredentials().settings(), clock, events.getIfAvailable(() -> LakebaseEvents.NONE));
	}

	@Bean
	ConnectionBudget lakebaseConnectionBudget(ObjectProvider<DataSource> dataSource,
			LakebaseConnectionDetails connectionDetails, LakebaseWorkspace workspace, LakebaseProperties properties,
			Environment environment, ObjectProvider<UserPools> userPools) {
		properties.getBudget().check();
		return new ConnectionBudget(dataSource, connectionDetails, workspace, properties, environment, userPools);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LakebaseHikariBeanPostProcessor lakebaseHikariBeanPostProcessor(
			ObjectProvider<JdbcConnectionDetails> connectionDetails, ObjectProvider<LakebaseWorkspace> workspace,
			ObjectProvider<CredentialCache> credentials, ObjectProvider<LakebaseProperties> properties,
			Environment environment, ObjectProvider<LakebaseEvents> events) {
		return new LakebaseHikariBeanPostProcessor(connectionDetails, workspace, credentials, properties, environment,
				events);
	}

	/**
	 * The read-only endpoint: a second pool, and the {@code dataSource} wrapped in
	 * Spring's {@link LazyConnectionDataSourceProxy} so that read-only transactions use
	 * it.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(ReadOnlyConfiguredCondition.class)
	static class ReadOnlyConfiguration {

		@Bean
		LakebaseReadOnlyPool lakebaseReadOnlyPool(LakebaseConnectionDetails connectionDetails,
				LakebaseWorkspace workspace, LakebaseProperties properties, Environment environment,
				ObjectProvider<LakebaseEvents> events) {
			return new LakebaseReadOnlyPool(connectionDetails, workspace, properties, environment,
					events.getIfAvailable(() -> LakebaseEvents.NONE));
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static ReadOnlyRoutingPostProcessor lakebaseReadOnlyRoutingPostProcessor(
				ObjectProvider<LakebaseReadOnlyPool> readOnlyPool) {
			return new ReadOnlyRoutingPostProcessor(readOnlyPool);
		}

	}

	/**
	 * Routes the Lakebase {@code dataSource} through Spring's
	 * {@link LazyConnectionDataSourceProxy} so that a connection marked read-only before
	 * its first use comes from the read-only pool, and closes the wrapped pool on
	 * shutdown. It runs after Boot's own proxy for
	 * {@code spring.datasource.connection-fetch=lazy} and then configures that proxy
	 * instead of wrapping it again.
	 */
	static final class ReadOnlyRoutingPostProcessor implements DestructionAwareBeanPostProcessor {

		private final ObjectProvider<LakebaseReadOnlyPool> readOnlyPool;

		ReadOnlyRoutingPostProcessor(ObjectProvider<LakebaseReadOnlyPool> readOnlyPool) {
			this.readOnlyPool = readOnlyPool;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!"dataSource".equals(beanName)) {
				return bean;
			}
			if (bean instanceof HikariDataSource primary && isLakebase(primary)) {
				return route(new LazyConnectionDataSourceProxy(primary), primary);
			}
			if (bean instanceof LazyConnectionDataSourceProxy proxy
					&& proxy.getTargetDataSource() instanceof HikariDataSource primary && isLakebase(primary)) {
				return route(proxy, primary);
			}
			return bean;
		}

		private static boolean isLakebase(HikariDataSource pool) {
			return pool.getDataSource() instanceof LakebaseLoginDataSource;
		}

		/**
		 * Give the proxy the read-only pool and the primary's connection defaults:
		 * without them the proxy borrows a primary connection to learn them, which wakes
		 * the primary compute for a read-only transaction. With no isolation configured
		 * on the pool, the default is PostgreSQL's, read committed.
		 */
		private LazyConnectionDataSourceProxy route(LazyConnectionDataSourceProxy proxy, HikariDataSource primary) {
			proxy.setReadOnlyDataSource(this.readOnlyPool.getObject().dataSource());
			proxy.setDefaultAutoCommit(primary.isAutoCommit());
			String isolation = primary.getTransactionIsolation();
			if (isolation == null) {
				proxy.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			}
			else if (isolation.chars().allMatch(Character::isDigit)) {
				proxy.setDefaultTransactionIsolation(Integer.parseInt(isolation));
			}
			else {
				proxy.setDefaultTransactionIsolationName(isolation.toUpperCase(Locale.ROOT));
			}
			return proxy;
		}

		@Override
		public boolean requiresDestruction(Object bean) {
			return bean instanceof LazyConnectionDataSourceProxy proxy
					&& proxy.getTargetDataSource() instanceof HikariDataSource;
		}

		@Override
		public void postProcessBeforeDestruction(Object bean, String beanName) {
			if (bean instanceof LazyConnectionDataSourceProxy proxy
					&& proxy.getTargetDataSource() instanceof HikariDataSource primary) {
				primary.close();
			}
		}

	}

	/**
	 * Matches when {@code lakebase.read-only.endpoint} or {@code lakebase.read-only.host}
	 * is set.
	 */
	static final class ReadOnlyConfiguredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			for (String name : new String[] { "lakebase.read-only.endpoint", "lakebase.read-only.host" }) {
				if (StringUtils.hasText(environment.getProperty(name))) {
					return ConditionOutcome.match(name + " is set");
				}
			}
			if (environment.getProperty("lakebase.read-only.secondaries", Boolean.class, false)) {
				return ConditionOutcome.match("lakebase.read-only.secondaries is true");
			}
			return ConditionOutcome.noMatch("no read-only endpoint is configured");
		}

	}

	/**
	 * Matches unless {@code spring.datasource.url} is set: an explicit URL means the
	 * application connects somewhere else.
	 */
	static final class NoDataSourceUrlCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment().containsProperty("spring.datasource.url")) {
				return ConditionOutcome.noMatch("spring.datasource.url is set");
			}
			return ConditionOutcome.match("spring.datasource.url is not set");
		}

	}

}
