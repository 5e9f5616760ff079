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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Loads the {@code .env} file that {@code databricks apps init} writes (by default from
 * the working directory) below real environment variables, system properties,
 * command-line arguments and application properties, which always win, and above
 * {@code @PropertySource} files and default properties, as environment variables are. Off
 * on Databricks Apps ({@code DATABRICKS_APP_NAME} set) and with
 * {@code lakebase.dotenv.enabled=false}; {@code lakebase.dotenv.path} points elsewhere.
 * Its names bind as environment variables do ({@code LAKEBASE_BRANCH} is
 * {@code lakebase.branch}); names that choose profiles or configuration files fail, since
 * Boot has chosen them before the file is read. The file is parsed with dotenv-java
 * (comments, quotes, multi-line values).
 *
 * @author Lakebase Spring Boot contributors
 */
class LakebaseDotenvEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String DOTENV = "io.github.cdimascio.dotenv.Dotenv";

	/**
	 * After Boot's {@code ConfigDataEnvironmentPostProcessor}, so application properties
	 * are in place (and can turn this off) and stay above the file.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private final Log logger;

	LakebaseDotenvEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(LakebaseDotenvEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Spring Boot chooses profiles and configuration files before this file is read, so a
	 * name that would choose them does nothing here: say so rather than ignore it.
	 */
	private static void rejectNamesReadBeforeTheFile(DotenvPropertySource dotenv) {
		List<String> tooLate = new ArrayList<>();
		for (String key : dotenv.getPropertyNames()) {
			String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
			if (name.startsWith("SPRING_PROFILES_") || name.startsWith("SPRING_CONFIG_")) {
				tooLate.add(key + " (" + dotenv.getOrigin(key) + ")");
			}
		}
		if (!tooLate.isEmpty()) {
			throw new LakebaseConfigurationException(String.join(", ", tooLate)
					+ " cannot act from .env: Spring Boot chooses profiles and configuration files before it reads "
					+ dotenv.path() + ".",
					"Remove the line and set it as a real environment variable, a system property, a command-line "
							+ "argument or in application.properties.");
		}
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(DotenvPropertySource.NAME)
				|| !environment.getProperty("lakebase.dotenv.enabled", Boolean.class, true)
				|| !ClassUtils.isPresent(DOTENV, application.getClassLoader())) {
			return;
		}
		String appName = environment.getProperty("DATABRICKS_APP_NAME");
		if (StringUtils.hasText(appName)) {
			this.logger.debug("Running on Databricks Apps (DATABRICKS_APP_NAME=" + appName + "); .env not loaded");
			return;
		}
		Path file = Paths.get(environment.getProperty("lakebase.dotenv.path", ".env")).toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			this.logger.debug("No .env file at " + file);
			return;
		}
		DotenvPropertySource dotenv = new DotenvPropertySource(file, DotenvFile.read(file));
		rejectNamesReadBeforeTheFile(dotenv);
		environment.getPropertySources().addLast(dotenv);
		Map<String, Object> values = dotenv.getSource();
		this.logger.info("Loaded " + values.size() + " values from " + file
				+ " (environment variables, system properties, arguments and application properties win)");
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("Keys from " + file + ": " + values.keySet());
		}
	}

}
