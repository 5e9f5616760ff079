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

import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import dev.lakebase.spring.jdbc.WakeRetry;
import dev.lakebase.spring.users.AsUser;
import dev.lakebase.spring.users.LakebaseUsers;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;
import org.springframework.web.ErrorResponseException;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of database work on behalf of the app's signed-in users
 * ({@code lakebase.users.enabled=true}, servlet applications): {@link AsUser} and
 * {@link LakebaseUsers} run it in the requesting user's own pool, under the user's
 * Postgres role; everything else keeps the app's pool. Otherwise an {@link AsUser} method
 * fails rather than run as the app.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = LakebaseDataSourceAutoConfiguration.class)
@ConditionalOnBean(CredentialCache.class)
@Import(LakebaseUsersAutoConfiguration.AutoProxyRegistrar.class)
public final class LakebaseUsersAutoConfiguration {

	private static final Log logger = LogFactory.getLog(LakebaseUsersAutoConfiguration.class);

	/**
	 * Work on behalf of users, turned on in a servlet application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ErrorResponseException.class, HttpServletRequest.class })
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty("lakebase.users.enabled")
	static class UsersConfiguration {

		@Bean
		UserPools lakebaseUserPools(LakebaseConnectionDetails connectionDetails, LakebaseProperties properties,
				Environment environment, ObjectProvider<LakebaseEvents> events) {
			LakebaseProperties.Users users = properties.getUsers();
			users.check();
			ScheduledThreadPoolExecutor housekeeping = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "lakebase-user-pools");
				thread.setDaemon(true);
				return thread;
			});
			housekeeping.setRemoveOnCancelPolicy(true);
			LakebaseEvents poolEvents = events.getIfAvailable(() -> LakebaseEvents.NONE);
			return new UserPools(users.getMaxPools(), (pool) -> {
				ResolvedConnection connection = ResolvedConnection.of(connectionDetails);
				HikariDataSource dataSource = new HikariDataSource();
				// The app pool's settings (TLS driver properties among them), then the
				// user pool's own
				Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
				dataSource.setPoolName("lakebase-user-" + pool.key());
				dataSource.setMaximumPoolSize(users.getMaxPoolSize());
				dataSource.setMinimumIdle(0);
				dataSource.setIdleTimeout(users.getIdleTimeout().toMillis());
				dataSource.setKeepaliveTime(0);
				dataSource.setRegisterMbeans(false);
				dataSource.setScheduledExecutor(housekeeping);
				WakeRetry wakeRetry = properties.getWake().isEnabled()
						? new WakeRetry(properties.getWake().settings(), connection.target()::describe, poolEvents)
						: null;
				Properties driverProperties = connection.driverProperties(dataSource.getDataSourceProperties());
				dataSource.setDataSource(new LakebaseLoginDataSource(connection.baseJdbcUrl(), pool.identity(),
						driverProperties, wakeRetry, poolEvents));
				dataSource.setCredentialsProvider(() -> Credentials.of(pool.identity(), pool.token()));
				return dataSource;
			}, housekeeping);
		}

		@Bean
		UserScopes lakebaseUsers(UserPools pools, LakebaseConnectionDetails connectionDetails,
				LakebaseWorkspace workspace, LakebaseProperties properties, Environment environment,
				ObjectProvider<LakebaseEvents> events) {
			ResolvedConnection.Target target = ResolvedConnection.of(connectionDetails).target();
			if (target.kind() == ResolvedConnection.Kind.NATIVE_PASSWORD) {
				throw new LakebaseConfigurationException(
						"lakebase.users.enabled is set, but the Lakebase DataSource logs in with a native Postgres "
								+ "password, which has no users to act for.",
						"Connect with credentials minted through the workspace (unset lakebase.password and "
								+ "PGPASSWORD), or set lakebase.users.enabled=false.");
			}
			Clock clock = Clock.systemUTC();
			LakebaseProperties.Credentials credentials = properties.getCredentials();
			return new UserScopes(pools, new UserIdentities(workspace::userName),
					(token) -> workspace.mintAsUser(target, token, credentials, clock),
					developerToken(properties.getUsers(), environment, workspace),
					new UserScopes.Settings(properties.getUsers().getMaxConcurrentMints(), credentials.getTimeout(),
							credentials.getRefreshWindow()),
					target.describe(), events.getIfAvailable(() -> LakebaseEvents.NONE), clock);
		}

		private static Supplier<@Nullable String> developerToken(LakebaseProperties.Users users,
				Environment environment, LakebaseWorkspace workspace) {
			if (!users.isDeveloperAsUser()) {
				return () -> null;
			}
			if (StringUtils.hasText(environment.getProperty("DATABRICKS_APP_NAME"))) {
				logger.info("lakebase.users.developer-as-user is ignored on Databricks Apps: requests without a "
						+ "forwarded user token are refused");
				return () -> null;
			}
			logger.warn("lakebase.users.developer-as-user is on: requests without a forwarded user token run as "
					+ "the developer's own identity (the workspace authentication of this process)");
			return workspace::ownToken;
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AsUserAdvisor lakebaseAsUserAdvisor(ObjectProvider<UserScopes> scopes) {
			return new AsUserAdvisor((invocation) -> scopes.getObject().call(invocation::proceed));
		}

		@Bean
		static OpenInViewWarning lakebaseOpenInViewWarning() {
			return new OpenInViewWarning();
		}

		@Bean
		UserScopeTaskDecorator lakebaseUserScopeTaskDecorator() {
			return new UserScopeTaskDecorator();
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static UserRoutingPostProcessor lakebaseUserRoutingPostProcessor() {
			return new UserRoutingPostProcessor();
		}

	}

	/**
	 * Without work on behalf of users (off, or not a servlet application), an
	 * {@link AsUser} method or {@link LakebaseUsers#asUser} fails instead of running as
	 * the app.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(UsersOffCondition.class)
	static class RefusingConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AsUserAdvisor lakebaseAsUserRefusingAdvisor() {
			return new AsUserAdvisor((invocation) -> {
				throw refused("@AsUser on " + invocation.getMethod().getDeclaringClass().getName() + "."
						+ invocation.getMethod().getName());
			});
		}

		@Bean
		LakebaseUsers lakebaseUsers() {
			return new LakebaseUsers() {

				@Override
				public <T> T asUser(Supplier<T> work) {
					throw refused("LakebaseUsers.asUser");
				}

				@Override
				public @Nullable String currentUser() {
					return null;
				}

			};
		}

		private static IllegalStateException refused(String what) {
			return new IllegalStateException(what + " needs lakebase.users.enabled=true in a servlet web "
					+ "application; refusing to run it as the app");
		}

	}

	/**
	 * Matches when {@link UsersConfiguration} does not: users are off, the application is
	 * not a servlet web application, or the classes it needs are missing.
	 */
	static final class UsersOffCondition extends AnyNestedCondition {

		UsersOffCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty(name = "lakebase.users.enabled", havingValue = false, matchIfMissing = true)
		static class Off {

		}

		@ConditionalOnNotWebApplication
		static class NotWeb {

		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class Reactive {

		}

		// One each: UsersConfiguration needs both, so either one missing turns it off
		@ConditionalOnMissingClass("org.springframework.web.ErrorResponseException")
		static class NoSpringWeb {

		}

		@ConditionalOnMissingClass("jakarta.servlet.http.HttpServletRequest")
		static class NoServletApi {

		}

	}

	/**
	 * Wraps the Lakebase {@code dataSource} (after the read-only routing, registered
	 * before it) in a {@link UserRoutingDataSource}.
	 */
	static final class UserRoutingPostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if ("dataSource".equals(beanName) && bean instanceof DataSource dataSource && isLakebase(dataSource)) {
				return new UserRoutingDataSource(dataSource);
			}
			return bean;
		}

		private static boolean isLakebase(DataSource dataSource) {
			try {
				return dataSource.isWrapperFor(HikariDataSource.class)
						&& dataSource.unwrap(HikariDataSource.class).getDataSource() instanceof LakebaseLoginDataSource;
			}
			catch (java.sql.SQLException ex) {
				return false;
			}
		}

	}

	/**
	 * Warns once the context is refreshed when Spring Boot keeps a JPA
	 * {@code EntityManager} open for the whole request ({@code spring.jpa.open-in-view},
	 * on by default): lazy loading after an {@link AsUser} method would run as the app
	 * and bypass the user's grants and row-level security.
	 */
	static final class OpenInViewWarning implements SmartInitializingSingleton, BeanFactoryAware {

		static final String INTERCEPTOR = "openEntityManagerInViewInterceptor";

		private @Nullable BeanFactory beanFactory;

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.beanFactory != null && this.beanFactory.containsBean(INTERCEPTOR)) {
				logger.warn("spring.jpa.open-in-view is on with lakebase.users: lazy loading after an @AsUser method "
						+ "runs as the app, not as the user, and bypasses the user's grants and row-level security. "
						+ "Set spring.jpa.open-in-view=false and load what a view needs inside the @AsUser method.");
			}
		}

	}

	/**
	 * Makes sure an auto-proxy creator applies the {@link AsUserAdvisor} (Spring Boot
	 * registers one with its AOP and transaction support, proxying classes unless
	 * {@code spring.aop.proxy-target-class=false}; an application without them gets one
	 * here).
	 */
	static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
