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

package dev.lakebase.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;

import org.springframework.boot.WebApplicationType;
import dev.lakebase.spring.autoconfigure.LakebaseDataSourceAutoConfiguration;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * One emulator, the starter's pool (OAuth credentials, as on Databricks Apps) and a plain
 * HikariCP pool with a static password on the same endpoint, through the same TLS front,
 * with the same pool settings.
 */
final class Fixture implements AutoCloseable {

	static final String PLAIN_ROLE = "bench_plain";

	final LakebaseEmulator emulator;

	final String plainPassword = UUID.randomUUID().toString();

	final ConfigurableApplicationContext starter;

	final HikariDataSource starterPool;

	final HikariDataSource plainPool;

	Fixture() {
		this.emulator = LakebaseEmulator.builder().start();
		this.emulator.identities().addNativeRole(PLAIN_ROLE, this.plainPassword);
		this.starter = startApp(appsEnvironment(this.emulator));
		this.starterPool = this.starter.getBean(HikariDataSource.class);
		this.plainPool = plainPool("plain");
	}

	/**
	 * A plain HikariCP pool with a static password on the starter's endpoint, with the
	 * starter's pool settings; the caller closes it.
	 * @param name the pool's name
	 * @return the pool
	 */
	HikariDataSource plainPool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName(name);
		pool.setJdbcUrl(this.emulator.jdbcUrl(this.emulator.endpoint()));
		pool.setUsername(PLAIN_ROLE);
		pool.setPassword(this.plainPassword);
		pool.setMaximumPoolSize(this.starterPool.getMaximumPoolSize());
		pool.setMinimumIdle(this.starterPool.getMinimumIdle());
		pool.setIdleTimeout(this.starterPool.getIdleTimeout());
		pool.setKeepaliveTime(this.starterPool.getKeepaliveTime());
		return pool;
	}

	/**
	 * The variables a Databricks Apps database resource injects (no LAKEBASE_ENDPOINT).
	 */
	static Map<String, Object> appsEnvironment(LakebaseEmulator emulator) {
		Map<String, Object> properties = new LinkedHashMap<>(emulator.environment());
		properties.remove("LAKEBASE_ENDPOINT");
		return properties;
	}

	/**
	 * The Databricks Apps variables with a native Postgres password for the plain
	 * variant's role: the starter builds its pool as on Databricks Apps but mints no
	 * credential and makes no workspace call, so the Databricks SDK is not used.
	 */
	static Map<String, Object> nativePasswordEnvironment(LakebaseEmulator emulator, String password) {
		Map<String, Object> properties = appsEnvironment(emulator);
		properties.put("PGUSER", PLAIN_ROLE);
		properties.put("PGPASSWORD", password);
		return properties;
	}

	/**
	 * The properties of a plain {@code spring-boot-starter-jdbc} app on the same
	 * endpoint: an explicit URL and password, with which the starter backs off.
	 */
	static Map<String, Object> plainProperties(LakebaseEmulator emulator, String password) {
		EmulatedEndpoint endpoint = emulator.endpoint();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", emulator.jdbcUrl(endpoint));
		properties.put("spring.datasource.username", PLAIN_ROLE);
		properties.put("spring.datasource.password", password);
		return properties;
	}

	/**
	 * The variables of an app that mints its credential through the Databricks SDK by
	 * hand ({@link HandWrittenSdkApp}): those of Databricks Apps plus the endpoint path,
	 * which such an app must be given; the starter is off.
	 */
	static Map<String, Object> handWrittenSdkEnvironment(LakebaseEmulator emulator) {
		Map<String, Object> properties = new LinkedHashMap<>(emulator.environment());
		properties.put("lakebase.enabled", "false");
		return properties;
	}

	static ConfigurableApplicationContext startApp(Map<String, Object> properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run();
	}

	@Override
	public void close() {
		this.plainPool.close();
		this.starter.close();
		this.emulator.close();
	}

	/**
	 * A JDBC app: the auto-configuration of {@code spring-boot-starter-jdbc}, plus the
	 * starter's when it is on (it backs off when {@code spring.datasource.url} is set).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
	static class App {

	}

	/**
	 * The same JDBC app written without the starter, as a user would: the
	 * {@code dataSource} bean mints one credential through the Databricks SDK at start-up
	 * and hands it to HikariCP as the password (no refresh, no wake retry).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class HandWrittenSdkApp {

		@Bean
		HikariDataSource dataSource(Environment environment) {
			WorkspaceClient workspace = new WorkspaceClient(
					new DatabricksConfig().setHost(environment.getProperty("DATABRICKS_HOST"))
						.setClientId(environment.getProperty("DATABRICKS_CLIENT_ID"))
						.setClientSecret(environment.getProperty("DATABRICKS_CLIENT_SECRET")));
			DatabaseCredential credential = workspace.postgres()
				.generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
					.setEndpoint(environment.getProperty("LAKEBASE_ENDPOINT")));
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl("jdbc:postgresql://" + environment.getProperty("PGHOST") + ":"
					+ environment.getProperty("PGPORT") + "/" + environment.getProperty("PGDATABASE") + "?sslmode="
					+ environment.getProperty("PGSSLMODE"));
			pool.setUsername(environment.getProperty("PGUSER"));
			pool.setPassword(credential.getToken());
			return pool;
		}

	}

}
