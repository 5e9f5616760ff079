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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Databricks SDK client set up in the background while a Spring Boot application
 * starts: used when its settings still hold at refresh, replaced when they changed, not
 * set up at all when the starter has nothing to do. One SDK client set-up reads the
 * workspace's host metadata once, which the emulator counts.
 */
class WarmUpIntegrationTests {

	private static final String HOST_METADATA = "/.well-known/databricks-config";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(LakebaseEmulator.builder());

	@Test
	void theClientSetUpWhileTheApplicationStartsIsTheOneThatConnects() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.workspaceRequests(HOST_METADATA);
		try (ConfigurableApplicationContext context = start(apps(), null)) {
			assertThat(context.getBeanFactory().containsSingleton(WorkspaceClientWarmUp.BEAN_NAME)).isTrue();
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.workspaceRequests(HOST_METADATA) - before).as("SDK clients set up").isEqualTo(1);
		}
	}

	@Test
	void aClientSetUpWithSettingsThatNoLongerHoldIsNotUsed() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity other = emulator.addServicePrincipal(true);
		int before = emulator.workspaceRequests(HOST_METADATA);
		int defaultMints = emulator.mintCount(emulator.servicePrincipal());
		// An initializer that runs after the warm-up switches to another service
		// principal
		ApplicationContextInitializer<ConfigurableApplicationContext> switchIdentity = (context) -> context
			.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("switch", Map.of("lakebase.databricks.client-id", other.clientId(),
					"lakebase.databricks.client-secret", other.clientSecret(), "lakebase.username", other.roleName())));
		try (ConfigurableApplicationContext context = start(apps(), switchIdentity)) {
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.workspaceRequests(HOST_METADATA) - before).as("SDK clients set up").isEqualTo(2);
			assertThat(emulator.mintCount(other)).isPositive();
			assertThat(emulator.mintCount(emulator.servicePrincipal())).isEqualTo(defaultMints);
		}
	}

	@Test
	void theApplicationsOwnWorkspaceClientIsUsedInstead() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity other = emulator.addServicePrincipal(true);
		int defaultMints = emulator.mintCount(emulator.servicePrincipal());
		Map<String, Object> properties = apps();
		properties.put("lakebase.username", other.roleName());
		properties.put("test.client-id", other.clientId());
		properties.put("test.client-secret", other.clientSecret());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, OwnClient.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			assertThat(select1(context)).isEqualTo(1);
			assertThat(emulator.mintCount(other)).as("minted with the application's client").isPositive();
			assertThat(emulator.mintCount(emulator.servicePrincipal())).isEqualTo(defaultMints);
		}
	}

	@Test
	void nothingIsSetUpWhenTheStarterHasNothingToDoOrAValueIsInvalid() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.workspaceRequests(HOST_METADATA);
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
				assertThat(context.getBeanFactory().containsSingleton(WorkspaceClientWarmUp.BEAN_NAME)).isFalse();
			}
		}
		assertThat(emulator.workspaceRequests(HOST_METADATA)).isEqualTo(before);
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

	private static Integer select1(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class App {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		@Bean
		WorkspaceClient workspaceClient(Environment environment) {
			return new WorkspaceClient(new DatabricksConfig().setHost(lakebase.emulator().workspaceUrl())
				.setClientId(environment.getProperty("test.client-id"))
				.setClientSecret(environment.getProperty("test.client-secret")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
