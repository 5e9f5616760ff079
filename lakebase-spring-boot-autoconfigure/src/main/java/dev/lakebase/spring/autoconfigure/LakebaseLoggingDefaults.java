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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the loggers that print secrets quiet by default: at DEBUG and TRACE the Apache
 * HttpClient under the Databricks SDK logs the wire and the headers (the workspace bearer
 * token, the credential response), and the SDK's {@code ApiClient} logs response bodies,
 * the database credential among them. The defaults have the lowest precedence, so a user
 * who names one of these loggers explicitly still sees it.
 *
 * @author Lakebase Spring Boot contributors
 */
class LakebaseLoggingDefaults implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "lakebaseLoggingDefaults";

	private static final Map<String, Object> DEFAULTS = Map.of("logging.level.org.apache.http.wire", "OFF",
			"logging.level.org.apache.http.headers", "OFF", "logging.level.com.databricks.sdk.core.ApiClient", "INFO");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
		}
	}

}
