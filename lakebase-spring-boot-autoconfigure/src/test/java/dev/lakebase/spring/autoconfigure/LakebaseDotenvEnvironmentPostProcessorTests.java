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
import java.time.Duration;
import java.util.Map;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the values of a {@code .env} file stand among an application's other property
 * sources: above {@code @PropertySource} files and default properties, below everything
 * else (as environment variables are, but below the real ones); that the file is read
 * through dotenv-java's exported API alone; and when it is not read at all.
 */
class LakebaseDotenvEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	@Test
	void dotenvIsAboveDefaultsAndPropertySourceFilesAndBelowArgumentsAndApplicationProperties() throws IOException {
		Path dotenv = this.directory.resolve(".env");
		Files.writeString(dotenv, """
				DOTENV_ORDER_A=dotenv
				DOTENV_ORDER_B=dotenv
				DOTENV_ORDER_C=dotenv
				DOTENV_ORDER_D=dotenv
				""");
		Path applicationProperties = this.directory.resolve("application.properties");
		Files.writeString(applicationProperties, "DOTENV_ORDER_B=application-properties\n");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("lakebase.dotenv.path", dotenv.toString(), "lakebase.enabled", "false", "DOTENV_ORDER_C",
					"default-properties"))
			.run("--DOTENV_ORDER_D=command-line", "--spring.config.location=file:" + applicationProperties)) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("DOTENV_ORDER_A")).as("over @PropertySource").isEqualTo("dotenv");
			assertThat(environment.getProperty("DOTENV_ORDER_B")).as("under application properties")
				.isEqualTo("application-properties");
			assertThat(environment.getProperty("DOTENV_ORDER_C")).as("over default properties").isEqualTo("dotenv");
			assertThat(environment.getProperty("DOTENV_ORDER_D")).as("under command-line arguments")
				.isEqualTo("command-line");
		}
	}

	@Test
	void aDotenvIsReadWithDotenvJavasPublicApiOnly() throws IOException {
		Path dotenv = this.directory.resolve(".env");
		Files.writeString(dotenv, "DOTENV_ORDER_A=dotenv\n");
		// The package that dotenv-java's module does not export
		FilteredClassLoader withoutInternals = new FilteredClassLoader("io.github.cdimascio.dotenv.internal");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.resourceLoader(new DefaultResourceLoader(withoutInternals))
			.properties(Map.of("lakebase.dotenv.path", dotenv.toString(), "lakebase.enabled", "false"))
			.run()) {
			assertThat(context.getEnvironment().getProperty("DOTENV_ORDER_A")).isEqualTo("dotenv");
		}
	}

	@Test
	void environmentStyleNamesBindAsFromTheEnvironment() throws IOException {
		Path dotenv = this.directory.resolve(".env");
		Files.writeString(dotenv, """
				LAKEBASE_WAKE_BUDGET=7s
				LAKEBASE_READONLY_ENDPOINT=projects/p/branches/b/endpoints/ro
				lakebase.credentials.timeout=3s
				""");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("lakebase.dotenv.path", dotenv.toString(), "lakebase.enabled", "false"))
			.run()) {
			Binder binder = Binder.get(context.getEnvironment());
			assertThat(binder.bind("lakebase.wake.budget", Duration.class).get()).hasSeconds(7);
			assertThat(binder.bind("lakebase.read-only.endpoint", String.class).get())
				.isEqualTo("projects/p/branches/b/endpoints/ro");
			assertThat(binder.bind("lakebase.credentials.timeout", Duration.class).get()).hasSeconds(3);
			assertThat(context.getEnvironment().getProperty("lakebase.wake.budget")).isEqualTo("7s");
		}
	}

	@Test
	void namesThatChooseProfilesOrConfigurationFilesFailSayingTheyComeTooLate() throws IOException {
		Path dotenv = this.directory.resolve(".env");
		Files.writeString(dotenv, "PGHOST=ep\nSPRING_PROFILES_ACTIVE=dev\nspring.config.import=optional:x.yaml\n");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
				.properties(Map.of("lakebase.dotenv.path", dotenv.toString(), "lakebase.enabled", "false"))
				.run())
			.withMessageContaining("SPRING_PROFILES_ACTIVE (file [" + dotenv + "] - 2:1)")
			.withMessageContaining("spring.config.import (file [" + dotenv + "] - 3:1)")
			.withMessageContaining("cannot act from .env")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("real environment variable"));
	}

	@Test
	void theFileIsNotReadOnDatabricksApps() throws IOException {
		ConfigurableEnvironment environment = environmentWith(
				Map.of("lakebase.dotenv.path", dotenvFile().toString(), "DATABRICKS_APP_NAME", "notes"));
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(DotenvPropertySource.NAME)).isFalse();
		assertThat(environment.getProperty("DOTENV_ORDER_A")).isNull();
	}

	@Test
	void theFileIsNotReadWhenTurnedOff() throws IOException {
		ConfigurableEnvironment environment = environmentWith(
				Map.of("lakebase.dotenv.path", dotenvFile().toString(), "lakebase.dotenv.enabled", "false"));
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("DOTENV_ORDER_A")).isNull();
	}

	@Test
	void noFileIsNoError() {
		ConfigurableEnvironment environment = environmentWith(
				Map.of("lakebase.dotenv.path", this.directory.resolve("missing.env").toString()));
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(DotenvPropertySource.NAME)).isFalse();
	}

	@Test
	void withoutDotenvJavaOnTheClassPathTheFileIsNotRead() throws IOException {
		ConfigurableEnvironment environment = environmentWith(Map.of("lakebase.dotenv.path", dotenvFile().toString()));
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader("io.github.cdimascio.dotenv")));
		postProcessor().postProcessEnvironment(environment, application);
		assertThat(environment.getProperty("DOTENV_ORDER_A")).isNull();
	}

	@Test
	void theFileIsReadOnceWhenTheEnvironmentIsPreparedAgain() throws IOException {
		Path dotenv = dotenvFile();
		ConfigurableEnvironment environment = environmentWith(Map.of("lakebase.dotenv.path", dotenv.toString()));
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		Files.writeString(dotenv, "DOTENV_ORDER_A=changed\n");
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("DOTENV_ORDER_A")).isEqualTo("dotenv");
		assertThat(environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().equals(DotenvPropertySource.NAME))).hasSize(1);
	}

	@Test
	void itRunsAfterTheApplicationPropertiesAreLoaded() {
		assertThat(postProcessor().getOrder()).isGreaterThan(ConfigDataEnvironmentPostProcessor.ORDER);
	}

	private Path dotenvFile() throws IOException {
		Path dotenv = this.directory.resolve(".env");
		Files.writeString(dotenv, "DOTENV_ORDER_A=dotenv\n");
		return dotenv;
	}

	private static ConfigurableEnvironment environmentWith(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static LakebaseDotenvEnvironmentPostProcessor postProcessor() {
		return new LakebaseDotenvEnvironmentPostProcessor(new DeferredLogs());
	}

	@Configuration(proxyBeanMethods = false)
	@PropertySource("classpath:dotenv-precedence.properties")
	static class App {

	}

}
