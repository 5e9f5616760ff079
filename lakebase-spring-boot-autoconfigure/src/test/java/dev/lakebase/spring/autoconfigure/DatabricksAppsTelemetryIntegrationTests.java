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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With telemetry on, Databricks Apps inject {@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL}, {@code OTEL_SERVICE_NAME} and
 * {@code OTEL_RESOURCE_ATTRIBUTES}. An app with Boot's OpenTelemetry support on its class
 * path, started as a separate process with those variables, resolves its OTLP export from
 * them, protocol by protocol.
 */
class DatabricksAppsTelemetryIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void overGrpcTracesAndLogsGoToTheCollectorAndMetricsExportIsOff() throws Exception {
		Map<String, String> resolved = runApp("grpc", "http://localhost:4314");
		assertThat(resolved).containsEntry("management.opentelemetry.tracing.export.otlp.transport", "GRPC")
			.containsEntry("management.opentelemetry.logging.export.otlp.transport", "GRPC")
			.containsEntry("management.otlp.metrics.export.enabled", "false")
			.containsEntry("service.name", "memory-service")
			.containsEntry("databricks.app.name", "memory-service")
			.containsEntry("workspace.id", "1234567890123456");
		assertThat(resolved.get("management.opentelemetry.tracing.export.otlp.endpoint"))
			.startsWith("http://localhost:4314");
		assertThat(resolved.get("management.opentelemetry.logging.export.otlp.endpoint"))
			.startsWith("http://localhost:4314");
	}

	@Test
	void overHttpProtobufTracesLogsAndMetricsGoToTheCollectorsSignalPaths() throws Exception {
		Map<String, String> resolved = runApp("http/protobuf", "http://localhost:4318");
		assertThat(resolved)
			.containsEntry("management.opentelemetry.tracing.export.otlp.endpoint", "http://localhost:4318/v1/traces")
			.containsEntry("management.opentelemetry.tracing.export.otlp.transport", "HTTP")
			.containsEntry("management.opentelemetry.logging.export.otlp.endpoint", "http://localhost:4318/v1/logs")
			.containsEntry("management.otlp.metrics.export.url", "http://localhost:4318/v1/metrics")
			.containsEntry("management.otlp.metrics.export.enabled", "null")
			.containsEntry("service.name", "memory-service");
	}

	@Test
	void overHttpJsonBootWarnsAndKeepsItsDefaultHttpProtobufTransport() throws Exception {
		AppProcess.Result result = start("http/json", "http://localhost:4318");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output())
			.contains("WARN", "Invalid value for environment variable 'OTEL_EXPORTER_OTLP_PROTOCOL': 'http/json'")
			.contains("PROPERTY management.opentelemetry.tracing.export.otlp.transport=null")
			.contains("PROPERTY management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces");
	}

	private Map<String, String> runApp(String protocol, String endpoint) throws IOException, InterruptedException {
		AppProcess.Result result = start(protocol, endpoint);
		assertThat(result.exitCode()).as(result.output()).isZero();
		Map<String, String> resolved = new LinkedHashMap<>();
		result.output()
			.lines()
			.filter((line) -> line.startsWith("PROPERTY ") || line.startsWith("RESOURCE "))
			.forEach((line) -> {
				String pair = line.substring(line.indexOf(' ') + 1);
				resolved.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			});
		assertThat(resolved).as(result.output()).containsKeys(OtlpEnvironmentApp.KEYS.toArray(String[]::new));
		return resolved;
	}

	private AppProcess.Result start(String protocol, String endpoint) throws IOException, InterruptedException {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("DATABRICKS_APP_NAME", "memory-service");
		env.put("DATABRICKS_APP_PORT", "8000");
		env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
		env.put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
		env.put("OTEL_SERVICE_NAME", "memory-service");
		env.put("OTEL_RESOURCE_ATTRIBUTES", "databricks.app.name=memory-service,workspace.id=1234567890123456");
		return AppProcess.run(OtlpEnvironmentApp.class, this.directory, env);
	}

}
