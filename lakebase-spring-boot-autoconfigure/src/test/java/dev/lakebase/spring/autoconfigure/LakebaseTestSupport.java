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

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Shared pieces of the tests that run the auto-configuration against the emulator.
 */
public final class LakebaseTestSupport {

	static final AutoConfigurations JDBC = AutoConfigurations.of(LakebaseDataSourceAutoConfiguration.class,
			DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class);

	private LakebaseTestSupport() {
	}

	public static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(JDBC);
	}

	/**
	 * A runner given the environment Databricks Apps inject, and more properties.
	 */
	static ApplicationContextRunner appsRunner(LakebaseEmulator emulator, String... more) {
		return runner().withPropertyValues(properties(appsEnvironment(emulator), more));
	}

	/**
	 * A non-web application of one source whose system environment is the given map
	 * instead of this process's, so that its environment post-processors see it.
	 */
	public static SpringApplication application(Class<?> source, Map<String, Object> systemEnvironment) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, systemEnvironment));
		SpringApplication application = new SpringApplication(source);
		application.setEnvironment(environment);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	/**
	 * Every message of an exception, its causes and chained SQL exceptions.
	 */
	static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
			if (cause instanceof SQLException sql && sql.getNextException() != null) {
				messages.append(messages(sql.getNextException()));
			}
		}
		return messages.toString();
	}

	/**
	 * The environment Databricks Apps inject, without LAKEBASE_ENDPOINT (which only
	 * AppKit apps map).
	 */
	static Map<String, String> appsEnvironment(LakebaseEmulator emulator) {
		Map<String, String> env = new LinkedHashMap<>(emulator.environment());
		env.remove("LAKEBASE_ENDPOINT");
		return env;
	}

	static Map<String, String> environment(LakebaseEmulator emulator, EmulatedEndpoint endpoint) {
		return new LinkedHashMap<>(emulator.environment(emulator.identities().servicePrincipal(), endpoint));
	}

	static String[] properties(Map<String, String> values, String... more) {
		String[] properties = new String[values.size() + more.length];
		int i = 0;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			properties[i++] = entry.getKey() + "=" + entry.getValue();
		}
		System.arraycopy(more, 0, properties, i, more.length);
		return properties;
	}

}
