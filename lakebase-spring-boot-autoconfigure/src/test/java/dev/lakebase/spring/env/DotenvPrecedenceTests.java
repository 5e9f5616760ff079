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

package dev.lakebase.spring.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the values of a {@code .env} file stand among an application's other property
 * sources: above {@code @PropertySource} files and default properties, below everything
 * else (as environment variables are, but below the real ones); and that the file is read
 * through dotenv-java's exported API alone.
 */
class DotenvPrecedenceTests {

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

	@Configuration(proxyBeanMethods = false)
	@PropertySource("classpath:dotenv-precedence.properties")
	static class App {

	}

}
