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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Defaults for an application running on Databricks Apps ({@code DATABRICKS_APP_NAME}
 * set), each only where nothing sets the key yet, merged into Boot's
 * {@code defaultProperties}: the lowest precedence, below {@code @PropertySource} too, so
 * that any setting of the user's wins:
 * <ul>
 * <li>{@code server.port} from {@code DATABRICKS_APP_PORT}, where the platform's proxy
 * sends requests;</li>
 * <li>{@code server.forward-headers-strategy=framework}: the app is reachable only
 * through that proxy, which sets {@code X-Forwarded-*}; the framework filter honours them
 * whatever the proxy's address and the web server;</li>
 * <li>graceful shutdown that ends within the platform's 15 seconds between SIGTERM and
 * SIGKILL ({@code spring.lifecycle.timeout-per-shutdown-phase=10s});</li>
 * <li>with telemetry on, {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}: Spring Boot maps the
 * {@code OTEL_*} variables to its OTLP trace and log export itself, but Micrometer's OTLP
 * metrics registry speaks HTTP only, so its export is off
 * ({@code management.otlp.metrics.export.enabled=false}) instead of failing every
 * step.</li>
 * </ul>
 *
 * @author Lakebase Spring Boot contributors
 */
class DatabricksAppsDefaults implements EnvironmentPostProcessor, Ordered {

	private static final String OTLP_METER_REGISTRY = "io.micrometer.registry.otlp.OtlpMeterRegistry";

	private final Log logger;

	DatabricksAppsDefaults(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DatabricksAppsDefaults.class);
	}

	@Override
	public int getOrder() {
		return LakebaseDotenvEnvironmentPostProcessor.ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty("DATABRICKS_APP_NAME"))) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		String port = environment.getProperty("DATABRICKS_APP_PORT");
		if (StringUtils.hasText(port)) {
			putUnlessSet(environment, defaults, "server.port", port.trim());
		}
		putUnlessSet(environment, defaults, "server.forward-headers-strategy", "framework");
		putUnlessSet(environment, defaults, "server.shutdown", "graceful");
		putUnlessSet(environment, defaults, "spring.lifecycle.timeout-per-shutdown-phase", "10s");
		if (metricsProtocolIsGrpc(environment)
				&& putUnlessSet(environment, defaults, "management.otlp.metrics.export.enabled", "false")
				&& ClassUtils.isPresent(OTLP_METER_REGISTRY, getClass().getClassLoader())) {
			this.logger.info("OTLP metrics export is off: the Databricks Apps telemetry collector takes gRPC "
					+ "(OTEL_EXPORTER_OTLP_PROTOCOL=grpc) and Micrometer's OTLP registry speaks HTTP only. "
					+ "Traces and logs go over gRPC. To export metrics, set management.otlp.metrics.export.url "
					+ "to an HTTP (http/protobuf) collector and management.otlp.metrics.export.enabled=true.");
		}
		DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
	}

	/**
	 * Puts a default for a key that no property source sets yet (application properties
	 * are loaded by now).
	 */
	private static boolean putUnlessSet(ConfigurableEnvironment environment, Map<String, Object> defaults, String key,
			String value) {
		if (environment.containsProperty(key)) {
			return false;
		}
		defaults.put(key, value);
		return true;
	}

	private static boolean metricsProtocolIsGrpc(ConfigurableEnvironment environment) {
		String protocol = environment.getProperty("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL",
				environment.getProperty("OTEL_EXPORTER_OTLP_PROTOCOL", ""));
		return "grpc".equals(protocol.trim().toLowerCase(Locale.ROOT));
	}

}
