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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured DataSource against the emulator: real SDK, real PostgreSQL.
 */
class LakebaseDataSourceAutoConfigurationIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("legacy-instance").branch("other"));

	@Test
	void databricksAppsEnvironmentDiscoversEndpointMintsAndQueries() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		int mints = emulator.tokens().mintCount(endpoint);
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
					.isEqualTo(endpoint.path());
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT current_user", String.class))
					.isEqualTo(emulator.identities().servicePrincipal().clientId());
				assertThat(jdbc.queryForObject("SELECT current_setting('application_name')", String.class))
					.isEqualTo("lakebase-emulator-app");
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getPoolName()).isEqualTo("lakebase");
				assertThat(dataSource.getPassword()).isNull();
			});
		assertThat(emulator.tokens().mintCount(endpoint)).isEqualTo(mints + 1);
	}

	@Test
	void lakebaseEndpointVariableSkipsDiscovery() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint other = emulator.branchEndpoint("other");
		Map<String, String> env = EmulatorTestSupport.environment(emulator, other);
		env.remove("PGHOST");
		LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(env)).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT current_database()", String.class))
				.isEqualTo("databricks_postgres__other");
			assertThat(context.getBean(LakebaseConnectionDetails.class).getHost())
				.as("host from the endpoint's status.hosts.host")
				.isEqualTo(other.host());
		});
	}

	@Test
	void provisionedInstanceNameMintsThroughDatabaseApi() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint instance = emulator.instance("legacy-instance");
		int mints = emulator.tokens().mintCount(instance);
		Map<String, String> env = EmulatorTestSupport.environment(emulator, instance);
		env.remove("PGHOST");
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(env, "lakebase.instance-name=legacy-instance"))
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT current_user", String.class))
					.isEqualTo(emulator.identities().servicePrincipal().clientId());
			});
		assertThat(emulator.tokens().mintCount(instance)).isEqualTo(mints + 1);
	}

	@Test
	void nativePasswordConnectsWithoutWorkspace() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("native_user", "native-secret-1");
		int mints = emulator.tokens().mintCount();
		Map<String, String> env = EmulatorTestSupport.environment(emulator, emulator.endpoint());
		env.keySet().removeIf((key) -> key.startsWith("DATABRICKS_") || key.equals("LAKEBASE_ENDPOINT"));
		env.put("PGUSER", "native_user");
		env.put("PGPASSWORD", "native-secret-1");
		LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(env)).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("native_user");
			assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget()).isNull();
		});
		assertThat(emulator.tokens().mintCount()).isEqualTo(mints);
	}

	@Test
	void userNameComesFromWorkspaceIdentityWhenNotConfigured() {
		LakebaseEmulator emulator = lakebase.emulator();
		Map<String, String> env = EmulatorTestSupport.environment(emulator, emulator.endpoint());
		env.remove("PGUSER");
		LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(env)).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT current_user", String.class))
				.isEqualTo(emulator.identities().servicePrincipal().clientId());
		});
	}

	@Test
	void coldPoolWith32ConcurrentBorrowersMintsExactlyOnce() {
		LakebaseEmulator emulator = lakebase.emulator();
		int mints = emulator.tokens().mintCount(emulator.endpoint());
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator),
					"spring.datasource.hikari.maximum-pool-size=32"))
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				ExecutorService pool = Executors.newFixedThreadPool(32);
				try {
					CountDownLatch start = new CountDownLatch(1);
					List<Future<Integer>> results = new ArrayList<>();
					for (int i = 0; i < 32; i++) {
						results.add(pool.submit(() -> {
							start.await();
							try (Connection connection = dataSource.getConnection();
									var statement = connection.createStatement();
									var result = statement.executeQuery("SELECT 1")) {
								result.next();
								return result.getInt(1);
							}
						}));
					}
					start.countDown();
					for (Future<Integer> result : results) {
						assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(1);
					}
				}
				finally {
					pool.shutdownNow();
				}
			});
		assertThat(emulator.tokens().mintCount(emulator.endpoint())).isEqualTo(mints + 1);
	}

	@Test
	void revokedCredentialRecoversWithOneExtraMint() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator)))
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				int mints = emulator.tokens().mintCount(emulator.endpoint());
				assertThat(emulator.tokens().revoke(emulator.identities().servicePrincipal())).isPositive();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				dataSource.getHikariPoolMXBean().softEvictConnections();
				for (int i = 0; i < 20; i++) {
					try (Connection connection = dataSource.getConnection()) {
						connection.unwrap(org.postgresql.PGConnection.class);
						dataSource.evictConnection(connection);
					}
				}
				assertThat(jdbc.queryForObject("SELECT 2", Integer.class)).isEqualTo(2);
				assertThat(emulator.tokens().mintCount(emulator.endpoint())).isEqualTo(mints + 1);
			});
	}

}
