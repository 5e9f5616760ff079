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

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.HeldConnections;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.WakeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Applications that really fail to start on Lakebase, and the report Spring Boot prints
 * for each: the cause and the exact property or variable that fixes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisIntegrationTests {

	private static final String FAILED = "APPLICATION FAILED TO START";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().maxConnections(12));

	@Test
	void noConnectionConfigured(CapturedOutput output) {
		String report = startupFailure(output,
				Map.of("lakebase.databricks.config-file", "/nonexistent/.databrickscfg"));
		assertThat(report).contains("No Lakebase connection is configured")
			.contains("PGHOST")
			.contains("LAKEBASE_ENDPOINT")
			.contains("lakebase.endpoint")
			.contains(".env");
	}

	@Test
	void noWorkspaceAuthentication(CapturedOutput output) {
		Map<String, String> env = apps();
		env.remove("DATABRICKS_CLIENT_ID");
		env.remove("DATABRICKS_CLIENT_SECRET");
		env.put("lakebase.databricks.config-file", "/nonexistent/.databrickscfg");
		String report = startupFailure(output, env);
		assertThat(report).contains("DATABRICKS_HOST")
			.contains("DATABRICKS_CLIENT_ID")
			.contains("DATABRICKS_TOKEN")
			.contains("lakebase.databricks.profile");
	}

	@Test
	void credentialApiNotFound(CapturedOutput output) {
		Map<String, String> env = apps();
		env.put("LAKEBASE_ENDPOINT", env.get("LAKEBASE_ENDPOINT").replace("/endpoints/", "/endpoints/missing-"));
		String report = startupFailure(output, env);
		assertThat(report).contains("HTTP 404")
			.contains("lakebase.endpoint / LAKEBASE_ENDPOINT")
			.contains("an Autoscaling endpoint is not a Provisioned instance");
	}

	@Test
	void provisionedInstanceNameForAnAutoscalingEndpoint(CapturedOutput output) {
		Map<String, String> env = apps();
		env.remove("LAKEBASE_ENDPOINT");
		env.put("lakebase.instance-name", "emulator");
		String report = startupFailure(output, env);
		assertThat(report).contains("HTTP 404").contains("lakebase.instance-name for Provisioned");
	}

	@Test
	void credentialApiForbidden(CapturedOutput output) {
		EmulatedIdentity app = lakebase.emulator().identities().addServicePrincipal(true);
		app.setCredentialPermission(false);
		String report = startupFailure(output, env(app));
		assertThat(report).contains("HTTP 403").contains("add the database as an app resource");
	}

	@Test
	void servicePrincipalWithoutDatabaseRole(CapturedOutput output) {
		EmulatedIdentity app = lakebase.emulator().identities().addServicePrincipal(false);
		String report = startupFailure(output, env(app));
		assertThat(report).contains("service principal " + app.clientId())
			.contains("password authentication failed")
			.contains("no Lakebase database resource")
			.contains("databricks_create_role('" + app.clientId() + "', 'SERVICE_PRINCIPAL')")
			.doesNotContain("databricks auth login");
	}

	@Test
	void userWithoutDatabaseRole(CapturedOutput output) {
		EmulatedIdentity user = lakebase.emulator().identities().addUser("newcomer@example.com", false);
		String report = startupFailure(output, env(user));
		assertThat(report).contains("user 'newcomer@example.com'")
			.contains("password authentication failed")
			.contains("lakebase.username / PGUSER")
			.contains("databricks auth login")
			.doesNotContain("SERVICE_PRINCIPAL");
	}

	@Test
	void schemaOwnedByAnotherIdentity(CapturedOutput output) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity developer = emulator.identities().addUser("colleague@example.com", true);
		EmulatedIdentity app = emulator.identities().addServicePrincipal(true);
		try (Connection connection = emulator.postgres()
			.connectAsSuperuser(emulator.branchEndpoint(LakebaseEmulator.DEFAULT_BRANCH));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA owned AUTHORIZATION \"" + developer.roleName() + "\"");
		}
		Map<String, String> env = env(app);
		env.put("spring.flyway.schemas", "owned");
		env.put("spring.flyway.create-schemas", "false");
		String report = startupFailure(output, env, FlywayApp.class);
		assertThat(report).contains("permission denied for schema owned")
			.contains("Deploy the app first")
			.contains("GRANT USAGE, CREATE ON SCHEMA owned")
			.contains("export its data first (pg_dump --schema=owned)")
			.contains("never drop a schema without an export");
	}

	@Test
	void tooManyConnections(CapturedOutput output) {
		try (HeldConnections held = lakebase.emulator().postgres().exhaustConnections(Duration.ZERO)) {
			assertThat(held.count()).isPositive();
			Map<String, String> env = apps();
			env.put("spring.datasource.hikari.maximum-pool-size", "7");
			String report = startupFailure(output, env);
			assertThat(report).contains("no connection slot left")
				.contains("up to spring.datasource.hikari.maximum-pool-size connections (now 7)")
				.contains("max_connections");
		}
	}

	@Test
	void sslRequired(CapturedOutput output) {
		Map<String, String> env = apps();
		env.put("PGSSLMODE", "disable");
		String report = startupFailure(output, env);
		assertThat(report).contains("requires an encrypted connection").contains("PGSSLMODE or lakebase.ssl-mode");
	}

	@Test
	void unknownHost(CapturedOutput output) {
		Map<String, String> env = apps();
		env.put("PGHOST", "no-such-endpoint.lakebase.invalid");
		String report = startupFailure(output, env);
		assertThat(report).contains("'no-such-endpoint.lakebase.invalid' does not resolve")
			.contains("PGHOST or lakebase.host");
	}

	@Test
	void unknownHostOfAnotherClientIsNotBlamedOnLakebaseWhenItsHostIsLookedUp(CapturedOutput output) {
		Map<String, String> env = apps();
		env.remove("PGHOST");
		Map<String, Object> values = new LinkedHashMap<>(env);
		values.put("spring.main.banner-mode", "off");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(CacheClientApp.class).web(WebApplicationType.NONE)
				.properties(values)
				.run()
				.close());
		assertThat(output.toString()).contains("redis-cache.invalid").doesNotContain("Lakebase host");
	}

	@Test
	void failureOfAnotherDataSourceIsNotReportedAsLakebase(CapturedOutput output) {
		Map<String, Object> values = new LinkedHashMap<>(apps());
		values.put("lakebase.enabled", "false");
		values.put("spring.datasource.url", "jdbc:postgresql://no-such-host.invalid:5432/x");
		values.put("spring.datasource.hikari.connection-timeout", "2000");
		values.put("spring.main.banner-mode", "off");
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(values)
			.run()
			.close());
		String printed = output.toString();
		assertThat(printed).contains("no-such-host.invalid").doesNotContain("Lakebase host");
		if (printed.contains(FAILED)) {
			assertThat(printed.substring(printed.lastIndexOf(FAILED))).doesNotContainIgnoringCase("lakebase");
		}
	}

	@Test
	void endpointDidNotWakeWithinTheBudget(CapturedOutput output) {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		endpoint.setWakeDelay(Duration.ofSeconds(3));
		endpoint.suspend();
		try {
			Map<String, String> env = apps();
			env.put("lakebase.wake.budget", "1s");
			String report = startupFailure(output, env);
			assertThat(report).contains("did not wake within 1000 ms (lakebase.wake.budget)")
				.contains("raise lakebase.wake.budget");
		}
		finally {
			endpoint.setWakeDelay(Duration.ZERO);
			endpoint.setWakeMode(WakeMode.HOLD);
		}
	}

	private static Map<String, String> apps() {
		return new LinkedHashMap<>(lakebase.emulator().environment());
	}

	private static Map<String, String> env(EmulatedIdentity identity) {
		LakebaseEmulator emulator = lakebase.emulator();
		return new LinkedHashMap<>(emulator.environment(identity, emulator.endpoint()));
	}

	private static String startupFailure(CapturedOutput output, Map<String, String> properties) {
		return startupFailure(output, properties, App.class);
	}

	/**
	 * Start an application that must fail and return the failure report Spring Boot
	 * printed for it.
	 */
	private static String startupFailure(CapturedOutput output, Map<String, String> properties, Class<?> app) {
		Map<String, Object> values = new LinkedHashMap<>(properties);
		values.put("spring.main.banner-mode", "off");
		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(values).run().close());
		String printed = output.toString();
		assertThat(printed).contains(FAILED);
		return printed.substring(printed.lastIndexOf(FAILED));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class App {

		@Bean
		ApplicationRunner firstQuery(JdbcTemplate jdbc) {
			return (args) -> jdbc.queryForObject("SELECT 1", Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class CacheClientApp {

		@Bean
		ApplicationRunner cacheClient(JdbcTemplate jdbc) {
			return (args) -> {
				jdbc.queryForObject("SELECT 1", Integer.class);
				InetAddress.getByName("redis-cache.invalid");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			FlywayAutoConfiguration.class })
	static class FlywayApp {

	}

}
