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
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of an application on Databricks Apps, seen through a real
 * {@link SpringApplication} run whose system environment is the one Apps inject.
 */
class DatabricksAppsDefaultsTests {

	private static final Map<String, Object> APPS = Map.of("DATABRICKS_APP_NAME", "memory-service",
			"DATABRICKS_APP_PORT", "8123");

	@Test
	void onDatabricksAppsTheServerListensOnTheAppPortBehindTheProxyAndStopsWithinTheGracePeriod() {
		ConfigurableEnvironment environment = run(APPS);
		assertThat(environment.getProperty("server.port")).isEqualTo("8123");
		assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("framework");
		assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
		assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("10s");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isNull();
	}

	@Test
	void offDatabricksAppsNothingIsSet() {
		ConfigurableEnvironment environment = run(Map.of("DATABRICKS_APP_PORT", "8123"));
		assertThat(environment.getProperty("server.port")).isNull();
		assertThat(environment.getProperty("server.forward-headers-strategy")).isNull();
		assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isNull();
	}

	@Test
	void everySettingOfTheUserWins() {
		Map<String, Object> env = new HashMap<>(APPS);
		env.put("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "5s");
		SpringApplication application = LakebaseTestSupport.application(UserPropertySource.class, env);
		application.setDefaultProperties(Map.of("server.shutdown", "immediate"));
		try (ConfigurableApplicationContext context = application.run("--server.port=9000")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("server.port")).isEqualTo("9000");
			assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("native");
			assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
			assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("5s");
		}
	}

	@Test
	void withTelemetryOverGrpcMetricsExportIsOffUnlessTheUserTurnsItOn() {
		Map<String, Object> grpc = new HashMap<>(APPS);
		grpc.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4314");
		grpc.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
		assertThat(run(grpc).getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		grpc.put("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "true");
		assertThat(run(grpc).getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
		Map<String, Object> http = new HashMap<>(APPS);
		http.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318");
		http.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
		assertThat(run(http).getProperty("management.otlp.metrics.export.enabled")).isNull();
		Map<String, Object> grpcButHttpMetrics = new HashMap<>(grpc);
		grpcButHttpMetrics.remove("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED");
		grpcButHttpMetrics.put("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf");
		assertThat(run(grpcButHttpMetrics).getProperty("management.otlp.metrics.export.enabled")).isNull();
	}

	private static ConfigurableEnvironment run(Map<String, Object> systemEnvironment) {
		try (ConfigurableApplicationContext context = LakebaseTestSupport.application(Empty.class, systemEnvironment)
			.run()) {
			return context.getEnvironment();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

	@Configuration(proxyBeanMethods = false)
	@PropertySource("classpath:dev/lakebase/spring/autoconfigure/apps-user.properties")
	static class UserPropertySource {

	}

}
