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

import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetryResourceAttributes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A small application that {@link DatabricksAppsTelemetryIntegrationTests} starts as a
 * separate process with the {@code OTEL_*} variables of Databricks Apps: it prints the
 * OTLP export properties and resource attributes the environment resolves to, and exits.
 */
@Configuration(proxyBeanMethods = false)
public class OtlpEnvironmentApp {

	static final List<String> KEYS = List.of("management.opentelemetry.tracing.export.otlp.endpoint",
			"management.opentelemetry.tracing.export.otlp.transport",
			"management.opentelemetry.logging.export.otlp.endpoint",
			"management.opentelemetry.logging.export.otlp.transport", "management.otlp.metrics.export.url",
			"management.otlp.metrics.export.enabled");

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OtlpEnvironmentApp.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			Environment environment = context.getEnvironment();
			for (String key : KEYS) {
				System.out.println("PROPERTY " + key + "=" + environment.getProperty(key));
			}
			new OpenTelemetryResourceAttributes(environment, Map.of())
				.applyTo((key, value) -> System.out.println("RESOURCE " + key + "=" + value));
		}
	}

}
