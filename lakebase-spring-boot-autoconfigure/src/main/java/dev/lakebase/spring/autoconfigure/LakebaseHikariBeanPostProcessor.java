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

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import dev.lakebase.spring.jdbc.WakeRetry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Makes the {@code dataSource} that Spring Boot builds from
 * {@link LakebaseConnectionDetails} a Lakebase pool: every new physical connection asks
 * the credentials provider for the current credential, and logs in through
 * {@link LakebaseLoginDataSource}. Every {@code spring.datasource.hikari.*} setting still
 * applies.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseHikariBeanPostProcessor implements BeanPostProcessor, PriorityOrdered {

	static final String DEFAULT_POOL_NAME = "lakebase";

	private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

	private final ObjectProvider<LakebaseWorkspace> workspace;

	private final ObjectProvider<CredentialCache> credentials;

	private final ObjectProvider<LakebaseProperties> properties;

	private final Environment environment;

	private final ObjectProvider<LakebaseEvents> events;

	LakebaseHikariBeanPostProcessor(ObjectProvider<JdbcConnectionDetails> connectionDetails,
			ObjectProvider<LakebaseWorkspace> workspace, ObjectProvider<CredentialCache> credentials,
			ObjectProvider<LakebaseProperties> properties, Environment environment,
			ObjectProvider<LakebaseEvents> events) {
		this.events = events;
		this.connectionDetails = connectionDetails;
		this.workspace = workspace;
		this.credentials = credentials;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource && "dataSource".equals(beanName)
				&& this.connectionDetails.getIfUnique() instanceof LakebaseConnectionDetails details) {
			configure(dataSource, ResolvedConnection.of(details), this.workspace.getObject(),
					this.credentials.getObject(), this.properties.getObject(), this.environment,
					this.events.getIfAvailable(() -> LakebaseEvents.NONE), DEFAULT_POOL_NAME);
		}
		return bean;
	}

	/**
	 * Return the name of the Lakebase pool: the configured one, else {@code lakebase}.
	 * @param configured {@code spring.datasource.hikari.pool-name}, or {@code null}
	 * @return the name
	 */
	static String poolName(@Nullable String configured) {
		return (configured != null && !configured.isBlank()) ? configured : DEFAULT_POOL_NAME;
	}

	/**
	 * Make a Hikari pool a Lakebase pool.
	 * @param dataSource the pool, not started yet
	 * @param connection where it connects
	 * @param workspace the workspace, for the endpoint's suspend timeout
	 * @param credentials its credentials
	 * @param properties the Lakebase properties
	 * @param environment the environment, for spring.datasource.hikari.* values
	 * @param events what the pool reports to
	 * @param defaultPoolName the pool name unless one is set
	 */
	static void configure(HikariDataSource dataSource, ResolvedConnection connection, LakebaseWorkspace workspace,
			CredentialCache credentials, LakebaseProperties properties, Environment environment, LakebaseEvents events,
			String defaultPoolName) {
		String username = connection.username();
		@Nullable WakeRetry wakeRetry = properties.getWake().isEnabled() ? new WakeRetry(properties.getWake().settings(),
				() -> connection.target().describe() + " (" + connection.host() + ":" + connection.port() + ")", events)
				: null;
		// Before every new physical connection: one volatile read while the credential is
		// fresh, no I/O, lock or clock read
		dataSource.setCredentialsProvider(() -> credentials.login(username));
		dataSource.setDataSource(new LakebaseLoginDataSource(connection.baseJdbcUrl(), username,
				connection.driverProperties(dataSource.getDataSourceProperties()), credentials, wakeRetry, events));
		if (dataSource.getPoolName() == null) {
			dataSource.setPoolName(defaultPoolName);
		}
		credentials.prefetch();
		if (properties.getPool().isScaleToZero()) {
			Duration fallback = properties.getPool().getDefaultSuspendTimeout();
			ScaleToZeroPoolDefaults.apply(dataSource, Binder.get(environment),
					workspace.suspendTimeout(connection.target(), fallback));
		}
	}

	/**
	 * Create a Lakebase pool beside the application's, with its
	 * {@code spring.datasource.hikari.*} settings; it starts on first use.
	 * @param poolName the pool name
	 * @param connection where it connects
	 * @param readOnly whether its connections are read-only
	 * @param workspace the workspace, for the endpoint's suspend timeout
	 * @param credentials its credentials
	 * @param properties the Lakebase properties
	 * @param environment the environment, for spring.datasource.hikari.* values
	 * @param events what the pool reports to
	 * @return the pool
	 */
	static HikariDataSource newPool(String poolName, ResolvedConnection connection, boolean readOnly,
			LakebaseWorkspace workspace, CredentialCache credentials, LakebaseProperties properties,
			Environment environment, LakebaseEvents events) {
		HikariDataSource dataSource = new HikariDataSource();
		Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
		dataSource.setPoolName(poolName);
		dataSource.setJdbcUrl(connection.jdbcUrl());
		dataSource.setUsername(connection.username());
		dataSource.setDriverClassName("org.postgresql.Driver");
		dataSource.setReadOnly(readOnly);
		configure(dataSource, connection, workspace, credentials, properties, environment, events, poolName);
		return dataSource;
	}

	/**
	 * Have a pool beside the application's report HikariCP's metrics to a registry, if it
	 * has not started.
	 * @param dataSource the pool
	 * @param registry a Micrometer {@code MeterRegistry}
	 */
	static void bindMetrics(HikariDataSource dataSource, Object registry) {
		if (dataSource.getMetricRegistry() == null && dataSource.getHikariPoolMXBean() == null) {
			dataSource.setMetricRegistry(registry);
		}
	}

	@Override
	public int getOrder() {
		// After Boot's HikariJdbcConnectionDetailsBeanPostProcessor (HIGHEST_PRECEDENCE +
		// 2)
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

}
