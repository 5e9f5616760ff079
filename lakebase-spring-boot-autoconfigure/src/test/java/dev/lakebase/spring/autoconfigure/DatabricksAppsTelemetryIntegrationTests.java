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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

	private Map<String, String> runApp(String protocol, String endpoint) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(OtlpEnvironmentApp.class.getName());
		command.add("--spring.main.banner-mode=off");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true);
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("PG") || name.startsWith("DATABRICKS_") || name.startsWith("LAKEBASE_")
					|| name.startsWith("SPRING_") || name.startsWith("OTEL_") || name.startsWith("MANAGEMENT_"));
		builder.environment().put("DATABRICKS_APP_NAME", "memory-service");
		builder.environment().put("DATABRICKS_APP_PORT", "8000");
		builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
		builder.environment().put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
		builder.environment().put("OTEL_SERVICE_NAME", "memory-service");
		builder.environment()
			.put("OTEL_RESOURCE_ATTRIBUTES", "databricks.app.name=memory-service,workspace.id=1234567890123456");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Map<String, String> resolved = new LinkedHashMap<>();
		output.lines()
			.filter((line) -> line.startsWith("PROPERTY ") || line.startsWith("RESOURCE "))
			.forEach((line) -> {
				String pair = line.substring(line.indexOf(' ') + 1);
				resolved.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			});
		assertThat(resolved).as(output).containsKeys(OtlpEnvironmentApp.KEYS.toArray(String[]::new));
		return resolved;
	}

}
