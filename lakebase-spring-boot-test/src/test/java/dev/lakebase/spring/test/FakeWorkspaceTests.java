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

package dev.lakebase.spring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FakeWorkspace}: the routes the Databricks SDK calls, answered over HTTP: the
 * discovery documents pointing at the server itself, OAuth, an authenticated caller for
 * every API, the app and the current user, 404 for what it does not serve, injected
 * faults per kind of call, and what it records of the requests.
 */
class FakeWorkspaceTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final MovingClock clock = new MovingClock(START);

	private final DatabaseTokens tokens = new DatabaseTokens(this.clock, Duration.ofHours(1));

	private final Map<EmulatedWorkspace.Target, InjectedFault> faults = new ConcurrentHashMap<>();

	private final EmulatorDirectory directory = new EmulatorDirectory(this.tokens, this.faults::remove);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "ada@example.com",
			"dapi-ada", true);

	// One thread: a request is answered and counted out before the next is taken
	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final FakeWorkspace workspace;

	private final HttpClient client = HttpClient.newHttpClient();

	FakeWorkspaceTests() throws IOException {
		this.directory.identities().add(this.user);
		this.directory.started(START);
		this.workspace = new FakeWorkspace(this.directory, this.tokens, this.clock, this.executor, new BranchHost() {

			@Override
			public EmulatedEndpoint createBranch(String project, String branchId, EmulatedEndpoint source) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void deleteBranch(List<EmulatedEndpoint> endpoints) {
				throw new UnsupportedOperationException();
			}

		});
	}

	@AfterEach
	void close() {
		this.workspace.close();
		this.executor.shutdownNow();
	}

	@Test
	void theDiscoveryDocumentsPointAtTheWorkspaceItself() throws Exception {
		JsonNode config = json(get("/.well-known/databricks-config", null));
		assertThat(config.get("oidc_endpoint").asText()).isEqualTo(this.workspace.url() + "/oidc");
		JsonNode oauth = json(get("/oidc/.well-known/oauth-authorization-server", null));
		assertThat(oauth.get("token_endpoint").asText()).isEqualTo(this.workspace.url() + "/oidc/v1/token");
	}

	@Test
	void everyApiNeedsAnAuthenticatedCaller() throws Exception {
		HttpResponse<String> anonymous = get("/api/2.0/preview/scim/v2/Me", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(json(anonymous).get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
		JsonNode me = json(get("/api/2.0/preview/scim/v2/Me", "dapi-ada"));
		assertThat(me.get("userName").asText()).isEqualTo("ada@example.com");
	}

	@Test
	void theAppIsKnownByItsNameOnly() throws Exception {
		this.directory.app("notes", 3);
		JsonNode app = json(get("/api/2.0/apps/notes", "dapi-ada"));
		assertThat(app.get("compute_max_instances").asInt()).isEqualTo(3);
		HttpResponse<String> other = get("/api/2.0/apps/other", "dapi-ada");
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(json(other).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
	}

	@Test
	void whatItDoesNotServeIsNotFound() throws Exception {
		assertThat(get("/favicon.ico", null).statusCode()).isEqualTo(404);
		HttpResponse<String> api = get("/api/2.0/clusters/list", "dapi-ada");
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(json(api).get("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
		assertThat(get("/api/2.0/database/instances/missing", "dapi-ada").statusCode()).isEqualTo(404);
	}

	@Test
	void aFaultIsAnsweredForItsKindOfCallOnce() throws Exception {
		this.faults.put(EmulatedWorkspace.Target.RESOURCES, new InjectedFault(429, null));
		HttpResponse<String> throttled = get("/api/2.0/preview/scim/v2/Me", "dapi-ada");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(json(throttled).get("error_code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
		assertThat(get("/api/2.0/preview/scim/v2/Me", "dapi-ada").statusCode()).isEqualTo(200);
		this.faults.put(EmulatedWorkspace.Target.OAUTH, new InjectedFault(0, Duration.ofMillis(10)));
		HttpResponse<String> hung = get("/.well-known/databricks-config", null);
		assertThat(hung.statusCode()).as("a hang ends in 503").isEqualTo(503);
		assertThat(json(hung).get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
		this.faults.put(EmulatedWorkspace.Target.CREDENTIALS, new InjectedFault(500, null));
		assertThat(get("/api/2.0/preview/scim/v2/Me", "dapi-ada").statusCode()).as("another kind of call")
			.isEqualTo(200);
	}

	@Test
	void requestsAndUserAgentsAreRecordedByPath() throws Exception {
		get("/api/2.0/preview/scim/v2/Me", "dapi-ada");
		get("/api/2.0/preview/scim/v2/Me", null);
		get("/.well-known/databricks-config", null);
		assertThat(this.workspace.requestCount("/api/2.0/preview/scim/v2/Me")).isEqualTo(2);
		assertThat(this.workspace.requestCount()).isEqualTo(3);
		assertThat(this.workspace.maxConcurrentRequests("/api/2.0/preview/scim/v2/Me")).isEqualTo(1);
		assertThat(this.workspace.userAgents()).contains("fake-workspace-tests/1.0");
		this.workspace.resetMaxConcurrentRequests();
		assertThat(this.workspace.maxConcurrentRequests("/api/2.0/preview/scim/v2/Me")).isZero();
	}

	private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.workspace.url() + path))
			.header("User-Agent", "fake-workspace-tests/1.0");
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) throws IOException {
		return HttpExchanges.json().readTree(response.body());
	}

}
