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

import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.metrics.MicrometerLakebaseEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Lakebase metrics: credential refreshes and mints, seconds until
 * the credential expires, wake retries and durations, and connection failures by class.
 * They carry the tag {@code pool}, as HikariCP's own pool metrics do: the pool's name,
 * {@code lakebase} unless {@code spring.datasource.hikari.pool-name} names it. Only with
 * the Lakebase {@code DataSource}; the meters are bound when Spring Boot binds its
 * {@link MeterBinder}s.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = LakebaseDataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(CredentialCache.class)
public final class LakebaseMetricsAutoConfiguration {

	@Bean
	MicrometerLakebaseEvents lakebaseMetricsEvents(ObjectProvider<CredentialCache> credentials,
			Environment environment) {
		return new MicrometerLakebaseEvents(credentials::getIfAvailable, LakebaseHikariBeanPostProcessor
			.poolName(environment.getProperty("spring.datasource.hikari.pool-name")));
	}

	/**
	 * Gauges of the users' pools ({@code lakebase.users.enabled}): how many are open and
	 * their connections, with no tag that names a user.
	 * @param userPools the users' pools
	 * @return the binder
	 */
	@Bean
	MeterBinder lakebaseUserPoolMetrics(ObjectProvider<UserPools> userPools) {
		return (registry) -> userPools.ifAvailable((pools) -> {
			Gauge.builder("lakebase.users.pools", pools, UserPools::poolCount)
				.description("Open connection pools of the app's users")
				.register(registry);
			Gauge.builder("lakebase.users.connections", pools, UserPools::connections)
				.description("Connections of the users' pools")
				.tag("state", "total")
				.register(registry);
			Gauge.builder("lakebase.users.connections", pools, UserPools::activeConnections)
				.description("Connections of the users' pools")
				.tag("state", "active")
				.register(registry);
		});
	}

	/**
	 * Whether the application's pool connects through the endpoint's connection pooler,
	 * and the metrics of the direct host's pool when it does.
	 * @param details the connection details
	 * @param directPool the direct host's pool, with the pooler
	 * @param environment the environment, for the pool name
	 * @return the binder
	 */
	@Bean
	MeterBinder lakebasePoolerMetrics(ObjectProvider<LakebaseConnectionDetails> details,
			ObjectProvider<LakebaseDirectPool> directPool, Environment environment) {
		return (registry) -> {
			details.ifUnique((connection) -> Gauge
				.builder("lakebase.connection.pooled", connection, (d) -> ResolvedConnection.of(d).pooled() ? 1.0 : 0.0)
				.description("1 when the pool connects through the endpoint's connection pooler, else 0")
				.tag("pool",
						LakebaseHikariBeanPostProcessor
							.poolName(environment.getProperty("spring.datasource.hikari.pool-name")))
				.register(registry));
			directPool.ifAvailable((pool) -> pool.bindMetrics(registry));
		};
	}

	/**
	 * The connection budget checked at startup: the connections the app's instances may
	 * open and what the endpoint (or its pooler) allows.
	 * @param budget the budget
	 * @param environment the environment, for the pool name
	 * @return the binder
	 */
	@Bean
	MeterBinder lakebaseConnectionBudgetMetrics(ObjectProvider<ConnectionBudget> budget, Environment environment) {
		return (registry) -> budget.ifAvailable((checked) -> {
			String pool = LakebaseHikariBeanPostProcessor
				.poolName(environment.getProperty("spring.datasource.hikari.pool-name"));
			Gauge.builder("lakebase.connections.limit", checked, (b) -> value(b, ConnectionBudget.Budget::limit))
				.description("Connections the endpoint's compute (or its pooler) allows the app at its maximum size")
				.tag("pool", pool)
				.register(registry);
			Gauge.builder("lakebase.connections.demand", checked, (b) -> value(b, ConnectionBudget.Budget::demand))
				.description("Connections every instance of the app may open at once, with headroom")
				.tag("pool", pool)
				.register(registry);
		});
	}

	private static double value(ConnectionBudget budget, java.util.function.ToIntFunction<ConnectionBudget.Budget> of) {
		ConnectionBudget.Budget checked = budget.budget();
		return (checked != null) ? of.applyAsInt(checked) : Double.NaN;
	}

	@Bean
	MeterBinder lakebaseReadOnlyPoolMetrics(ObjectProvider<LakebaseReadOnlyPool> readOnlyPool) {
		return (registry) -> readOnlyPool.ifAvailable((pool) -> pool.bindMetrics(registry));
	}

}
