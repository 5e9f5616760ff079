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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.jdbc.LakebaseConnectExecutor;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor.Settings;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Databricks SDK prepared in the background while a Spring Boot application starts,
 * without a request; its one client set up when the Lakebase auto-configuration applies,
 * with the settings as they are then; nothing at all when the starter has nothing to do,
 * steps aside or the application is processed ahead of time. One SDK client set-up reads
 * the workspace's host metadata once, which the emulator counts.
 */
class EarlyStartIntegrationTests {

	private static final String HOST_METADATA = "/.well-known/databricks-config";

	private static final String PROJECTS = "/api/2.0/postgres/projects";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(LakebaseEmulator.builder());

	@Test
	void theSdkIsPreparedWhileTheApplicationStartsAndOneClientConnects() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.workspace().requests(HOST_METADATA);
		try (ConfigurableApplicationContext context = start(apps(), null)) {
			assertThat(context.getBeanFactory().containsSingleton(DatabricksSdkPreparer.BEAN_NAME)).isTrue();
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.workspace().requests(HOST_METADATA) - before).as("SDK clients set up").isEqualTo(1);
		}
	}

	@Test
	void settingsChangedAfterTheEnvironmentWasPreparedAreTheOnesUsed() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity other = emulator.identities().addServicePrincipal(true);
		int before = emulator.workspace().requests(HOST_METADATA);
		int defaultMints = emulator.tokens().mintCount(emulator.identities().servicePrincipal());
		// An initializer that runs after the early resolution started switches to another
		// service
		// principal
		ApplicationContextInitializer<ConfigurableApplicationContext> switchIdentity = (context) -> context
			.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("switch", Map.of("lakebase.databricks.client-id", other.clientId(),
					"lakebase.databricks.client-secret", other.clientSecret(), "lakebase.username", other.roleName())));
		try (ConfigurableApplicationContext context = start(apps(), switchIdentity)) {
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.workspace().requests(HOST_METADATA) - before).as("SDK clients set up").isEqualTo(1);
			assertThat(emulator.tokens().mintCount(other)).isPositive();
			assertThat(emulator.tokens().mintCount(emulator.identities().servicePrincipal())).isEqualTo(defaultMints);
		}
	}

	@Test
	void theApplicationsOwnWorkspaceClientIsUsedInstead() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity other = emulator.identities().addServicePrincipal(true);
		int defaultMints = emulator.tokens().mintCount(emulator.identities().servicePrincipal());
		Map<String, Object> properties = apps();
		properties.put("lakebase.username", other.roleName());
		properties.put("test.client-id", other.clientId());
		properties.put("test.client-secret", other.clientSecret());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, OwnClient.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.tokens().mintCount(other)).as("minted with the application's client").isPositive();
			assertThat(emulator.tokens().mintCount(emulator.identities().servicePrincipal())).isEqualTo(defaultMints);
		}
	}

	@Test
	void withSeveralWorkspaceClientsOfTheApplicationsTheStarterUsesItsOwn() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity other = emulator.identities().addServicePrincipal(true);
		Map<String, Object> properties = apps();
		properties.put("test.client-id", other.clientId());
		properties.put("test.client-secret", other.clientSecret());
		int defaultMints = emulator.tokens().mintCount(emulator.identities().servicePrincipal());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, TwoClients.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.tokens().mintCount(emulator.identities().servicePrincipal()))
				.as("minted with the starter's own client")
				.isGreaterThan(defaultMints);
		}
	}

	@Test
	void nothingIsSetUpWhenTheStarterHasNothingToDoOrAValueIsInvalid() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.workspace().requests(HOST_METADATA);
		Map<String, Object> off = apps();
		off.put("lakebase.enabled", "false");
		Map<String, Object> explicitUrl = apps();
		explicitUrl.put("spring.datasource.url", emulator.jdbcUrl(emulator.endpoint()));
		Map<String, Object> nativePassword = apps();
		nativePassword.put("PGPASSWORD", "secret");
		Map<String, Object> nothingConfigured = new HashMap<>(apps());
		nothingConfigured.remove("PGHOST");
		Map<String, Object> invalid = apps();
		invalid.put("lakebase.enabled", "maybe");
		for (Map<String, Object> properties : List.of(off, explicitUrl, nativePassword, nothingConfigured, invalid)) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
				.web(WebApplicationType.NONE)
				.properties(properties)
				.run()) {
				assertThat(context.getBeanFactory().containsSingleton(DatabricksSdkPreparer.BEAN_NAME)).isFalse();
			}
		}
		assertThat(emulator.workspace().requests(HOST_METADATA)).isEqualTo(before);
	}

	@Test
	void whenTheStarterStepsAsideForTheApplicationsDataSourceNoWorkspaceIsCalled() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.workspace().requests();
		for (Class<?> own : List.of(LakebaseDataSourceAutoConfigurationTests.UserDataSource.class,
				LakebaseDataSourceAutoConfigurationTests.OtherConnectionDetails.class)) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, own)
				.web(WebApplicationType.NONE)
				.properties(apps())
				.run()) {
				assertThat(context.getBeanNamesForType(LakebaseConnectionDetails.class)).as(own.getSimpleName())
					.isEmpty();
				awaitBackgroundWork(context);
			}
		}
		assertThat(emulator.workspace().requests()).as("workspace requests").isEqualTo(before);
	}

	@Test
	void processingAheadOfTimeCallsNoWorkspace(@TempDir Path output) throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		int metadata = emulator.workspace().requests(HOST_METADATA);
		int listings = emulator.workspace().requests(PROJECTS);
		Settings settings = Settings.builder()
			.sourceOutput(output.resolve("sources"))
			.resourceOutput(output.resolve("resources"))
			.classOutput(output.resolve("classes"))
			.groupId("dev.lakebase")
			.artifactId("aot-processing-test")
			.build();
		String[] args = apps().entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		new SpringApplicationAotProcessor(AotApp.class, settings, args).process();
		assertThat(output.resolve("sources")).as("AOT processing generated the context").isNotEmptyDirectory();
		try (Stream<Path> files = Files.walk(output.resolve("resources"))) {
			assertThat(files.filter((file) -> file.toString().endsWith(".json")).map(EarlyStartIntegrationTests::read))
				.as("native image metadata")
				.anySatisfy((json) -> assertThat(json).contains(LakebaseConnectExecutor.class.getName())
					.contains("com.databricks.sdk.service.postgres.EndpointStatus"));
		}
		// Without the check, the early starts call the workspace on their own threads
		// within
		// a second or so; give them far longer than that
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline && emulator.workspace().requests(HOST_METADATA) == metadata
				&& emulator.workspace().requests(PROJECTS) == listings) {
			Thread.sleep(50);
		}
		assertThat(emulator.workspace().requests(HOST_METADATA)).as("SDK clients set up").isEqualTo(metadata);
		assertThat(emulator.workspace().requests(PROJECTS)).as("endpoint listings").isEqualTo(listings);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> apps() {
		Map<String, Object> properties = new HashMap<>(lakebase.emulator().environment());
		properties.remove("LAKEBASE_ENDPOINT");
		return properties;
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(properties);
		if (initializer != null) {
			builder.initializers(initializer);
		}
		return builder.run();
	}

	/**
	 * Wait for the starter's background work that a start may have left running.
	 */
	private static void awaitBackgroundWork(ConfigurableApplicationContext context) {
		if (context.getBeanFactory()
			.getSingleton(DatabricksSdkPreparer.BEAN_NAME) instanceof DatabricksSdkPreparer.Started started) {
			started.await();
		}
		else {
			throw new AssertionError("The Databricks SDK preparation did not start");
		}
	}

	private static Integer select1(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class App {

	}

	/**
	 * An application as AOT processing finds it: a main method that runs it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	public static class AotApp {

		public static void main(String[] args) {
			new SpringApplicationBuilder(AotApp.class).web(WebApplicationType.NONE).run(args);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClients {

		@Bean
		WorkspaceClient firstWorkspaceClient(Environment environment) {
			return new OwnClient().workspaceClient(environment);
		}

		@Bean
		WorkspaceClient secondWorkspaceClient(Environment environment) {
			return new OwnClient().workspaceClient(environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		@Bean
		WorkspaceClient workspaceClient(Environment environment) {
			return new WorkspaceClient(new DatabricksConfig().setHost(lakebase.emulator().workspace().url())
				.setClientId(environment.getProperty("test.client-id"))
				.setClientSecret(environment.getProperty("test.client-secret")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
