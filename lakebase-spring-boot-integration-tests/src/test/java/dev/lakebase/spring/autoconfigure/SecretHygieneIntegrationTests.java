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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.EmulatedWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A full scenario with every logger at TRACE: credential mints and rotations, a failed
 * refresh, a refused login, a native password login that fails, and an application that
 * fails to start. No database token, client secret, personal access token or password
 * reaches the log, an exception, a bean's {@code toString}, or the {@code env},
 * {@code configprops} and {@code health} Actuator endpoints (with
 * {@code show-values=always}).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneIntegrationTests {

	private static final String WRONG_PASSWORD = "Wrong-Native-Pw-91d3";

	private static final String NATIVE_PASSWORD = "Right-Native-Pw-52ab";

	private static final Duration BOUND = Duration.ofSeconds(60);

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().tokenLifetime(Duration.ofSeconds(4)));

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> visible = new ArrayList<>();

	@Test
	void fullScenarioAtTraceLeaksNoSecret(CapturedOutput output) throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("hygiene_native", NATIVE_PASSWORD);
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		Set<String> tokens = new LinkedHashSet<>();

		Map<String, Object> oauth = traceProperties(EmulatorTestSupport.appsEnvironment(emulator));
		oauth.remove("DATABRICKS_CLIENT_SECRET");
		oauth.put("lakebase.databricks.client-secret", app.clientSecret());
		try (ConfigurableApplicationContext context = run(oauth)) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			CredentialCache credentials = context.getBean(CredentialCache.class);
			jdbc.queryForObject("SELECT 1", Integer.class);
			awaitWhileQuerying(context, tokens, () -> credentials.mintCount() >= 4);

			emulator.workspace().failNext(EmulatedWorkspace.Target.CREDENTIALS, 1, 500);
			long beforeFailure = credentials.mintCount();
			awaitWhileQuerying(context, tokens,
					() -> emulator.workspace().injectedCount() > 0 && credentials.mintCount() > beforeFailure);
			assertThat(output).contains("Could not refresh the Lakebase credential");

			emulator.tokens().revoke(app);
			context.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
			assertThat(jdbc.queryForObject("SELECT 2", Integer.class)).isEqualTo(2);
			tokens.add(credentials.current().token());
			assertThat(output).contains("Lakebase refused a cached credential");

			exposeEndpointsAndBeans(context);
			assertThat(this.visible.get(0)).as("env shows values").contains(emulator.endpoint().host());
		}

		Map<String, Object> nativeLogin = traceProperties(Map.of("PGHOST", emulator.endpoint().host(), "PGPORT",
				Integer.toString(emulator.endpoint().port()), "PGUSER", "hygiene_native", "lakebase.password",
				WRONG_PASSWORD, "spring.datasource.hikari.connection-timeout", "2000"));
		try (ConfigurableApplicationContext context = run(nativeLogin)) {
			Throwable refused = catchThrowable(
					() -> context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
			assertThat(LakebaseTestSupport.messages(refused)).contains("28P01");
			this.visible.add(stackTrace(refused));
			exposeEndpointsAndBeans(context);
		}

		EmulatedIdentity withoutRole = emulator.identities().addServicePrincipal(false);
		Map<String, Object> failing = traceProperties(EmulatorTestSupport.environment(emulator, emulator.endpoint()));
		failing.put("DATABRICKS_CLIENT_ID", withoutRole.clientId());
		failing.put("DATABRICKS_CLIENT_SECRET", withoutRole.clientSecret());
		failing.put("PGUSER", withoutRole.clientId());
		failing.put("spring.main.lazy-initialization", "false");
		Throwable startupFailure = catchThrowable(() -> run(failing, StartupQueryApp.class).close());
		assertThat(startupFailure).isNotNull();
		this.visible.add(stackTrace(startupFailure));
		assertThat(output).contains("APPLICATION FAILED TO START");

		assertThat(tokens).as("distinct credentials seen").hasSizeGreaterThanOrEqualTo(5);
		List<String> secrets = new ArrayList<>(tokens);
		secrets.addAll(List.of(app.clientSecret(), withoutRole.clientSecret(),
				emulator.identities().user().personalAccessToken(), WRONG_PASSWORD, NATIVE_PASSWORD));
		List<String> places = new ArrayList<>(this.visible);
		places.add(output.toString());
		for (String place : places) {
			for (String secret : secrets) {
				assertThat(place).doesNotContain(secret);
			}
			assertThat(place).doesNotContain("lbemu.").doesNotContain("lbemu-oauth.");
		}
		assertThat(output).as("TRACE logging is on for the SDK, the pool and the starter")
			.contains("/api/2.0/postgres/credentials")
			.contains("HikariPool")
			.contains("Obtained a Lakebase credential");
	}

	/**
	 * Log in again and again (credentials are checked only at login) until the condition
	 * holds.
	 */
	private void awaitWhileQuerying(ConfigurableApplicationContext context, Set<String> tokens,
			BooleanSupplier condition) throws InterruptedException {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		CredentialCache credentials = context.getBean(CredentialCache.class);
		HikariPoolMXBean pool = context.getBean(HikariDataSource.class).getHikariPoolMXBean();
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition reached within " + BOUND).isLessThan(deadline);
			pool.softEvictConnections();
			jdbc.queryForObject("SELECT 1", Integer.class);
			MintedCredential current = credentials.current();
			if (current != null) {
				tokens.add(current.token());
			}
			Thread.sleep(100);
		}
	}

	/**
	 * What a user can see of a running app: the env, configprops and health endpoints as
	 * JSON, and every bean's toString.
	 */
	private void exposeEndpointsAndBeans(ConfigurableApplicationContext context) {
		String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
		String configprops = this.json
			.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
		String health = this.json.writeValueAsString(context.getBean(HealthEndpoint.class).health());
		this.visible.add(env);
		this.visible.add(configprops);
		this.visible.add(health);
		assertThat(configprops).contains("lakebase").contains("******");
		assertThat(health).contains("\"lakebase\"");
		for (String name : context.getBeanDefinitionNames()) {
			this.visible.add(name + "=" + context.getBean(name));
		}
	}

	private static Map<String, Object> traceProperties(Map<String, String> values) {
		Map<String, Object> properties = new LinkedHashMap<>(values);
		properties.put("logging.level.root", "TRACE");
		properties.put("logging.level.dev.lakebase", "TRACE");
		properties.put("logging.level.io.zonky", "TRACE");
		properties.put("spring.main.banner-mode", "off");
		properties.put("management.endpoints.access.default", "read-only");
		properties.put("management.endpoints.web.exposure.include", "*");
		properties.put("management.endpoint.env.show-values", "always");
		properties.put("management.endpoint.configprops.show-values", "always");
		properties.put("management.endpoint.health.show-details", "always");
		properties.put("management.endpoint.health.show-components", "always");
		return properties;
	}

	private static ConfigurableApplicationContext run(Map<String, Object> properties) {
		return run(properties, App.class);
	}

	private static ConfigurableApplicationContext run(Map<String, Object> properties, Class<?> app) {
		return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(properties).run();
	}

	private static String stackTrace(Throwable ex) {
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	static class App {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	static class StartupQueryApp {

		@Bean
		ApplicationRunner firstQuery(JdbcTemplate jdbc) {
			return (args) -> jdbc.queryForObject("SELECT 1", Integer.class);
		}

	}

}
