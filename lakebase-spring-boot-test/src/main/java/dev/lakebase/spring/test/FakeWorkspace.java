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

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.lakebase.spring.test.EmulatedWorkspace.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Databricks workspace: an HTTP server that the unmodified Databricks SDK for
 * Java talks to. It serves OAuth M2M (discovery and token endpoint with Basic client
 * authentication), personal access tokens, both database credential APIs, and the
 * resource lookups a client needs.
 *
 * @author Lakebase Spring Boot contributors
 */
final class FakeWorkspace implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(FakeWorkspace.class);

	private static final Pattern POSTGRES_RESOURCE = Pattern
		.compile("/api/2\\.0/postgres/(projects(?:/[^/]+(?:/branches(?:/[^/]+(?:/endpoints(?:/[^/]+)?)?)?)?)?)");

	private static final Pattern INSTANCE = Pattern.compile("/api/2\\.0/database/instances/([^/]+)");

	private final EmulatorDirectory model;

	private final WorkspaceOAuth oauth;

	private final CredentialApi credentials;

	private final BranchApi branches;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

	private final Map<Target, Duration> delays = new ConcurrentHashMap<>();

	private final Set<String> userAgents = ConcurrentHashMap.newKeySet();

	private final HttpServer server;

	FakeWorkspace(EmulatorDirectory model, DatabaseTokens databaseTokens, Clock clock, ExecutorService executor,
			BranchHost branchHost) throws IOException {
		this.model = model;
		this.oauth = new WorkspaceOAuth(model, clock);
		this.credentials = new CredentialApi(model, databaseTokens);
		this.branches = new BranchApi(model, branchHost, clock);
		this.server = HttpExchanges.startServer(this::handle, executor);
	}

	int requestCount(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	int maxConcurrentRequests(String path) {
		AtomicInteger max = this.maxInFlight.get(path);
		return (max != null) ? max.get() : 0;
	}

	void resetMaxConcurrentRequests() {
		this.maxInFlight.clear();
	}

	void delay(Target target, Duration delay) {
		if (delay.isZero()) {
			this.delays.remove(target);
		}
		else {
			this.delays.put(target, delay);
		}
	}

	int requestCount() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	Set<String> userAgents() {
		return Set.copyOf(this.userAgents);
	}

	String url() {
		return "http://" + LakebaseEmulator.LOOPBACK + ":" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			AtomicInteger inFlight = this.inFlight.computeIfAbsent(path, (key) -> new AtomicInteger());
			int now = inFlight.incrementAndGet();
			this.maxInFlight.computeIfAbsent(path, (key) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			try {
				answer(exchange, method, path);
			}
			finally {
				inFlight.decrementAndGet();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Fake workspace failed on {}", exchange.getRequestURI().getPath(), ex);
		}
	}

	private void answer(HttpExchange exchange, String method, String path) throws IOException {
		Duration delay = this.delays.get(target(path));
		if (delay != null) {
			try {
				TimeUnit.NANOSECONDS.sleep(delay.toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
		if (userAgent != null) {
			this.userAgents.add(userAgent);
		}
		InjectedFault fault = this.model.takeFault(target(path));
		if (fault != null) {
			answerFault(exchange, fault);
			return;
		}
		route(exchange, method, path);
	}

	private static Target target(String path) {
		if (path.startsWith("/oidc") || path.startsWith("/.well-known")) {
			return Target.OAUTH;
		}
		if (path.equals("/api/2.0/postgres/credentials") || path.equals("/api/2.0/database/credentials")) {
			return Target.CREDENTIALS;
		}
		return Target.RESOURCES;
	}

	private void answerFault(HttpExchange exchange, InjectedFault fault) throws IOException {
		int status = fault.status();
		if (fault.isHang()) {
			try {
				TimeUnit.NANOSECONDS.sleep(Objects.requireNonNull(fault.hang(), "hang").toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			status = 503;
		}
		String code = switch (status) {
			case 503 -> "TEMPORARILY_UNAVAILABLE";
			case 429 -> "RESOURCE_EXHAUSTED";
			default -> (status >= 500) ? "INTERNAL_ERROR" : "BAD_REQUEST";
		};
		HttpExchanges.error(exchange, status, code, "Injected fault (HTTP " + status + ")");
	}

	private void route(HttpExchange exchange, String method, String path) throws IOException {
		if (method.equals("GET") && path.equals("/.well-known/databricks-config")) {
			HttpExchanges.send(exchange, 200,
					Map.of("oidc_endpoint", url() + "/oidc", "workspace_id", EmulatedWorkspace.ID, "cloud", "aws"));
			return;
		}
		if (method.equals("GET") && path.equals("/oidc/.well-known/oauth-authorization-server")) {
			HttpExchanges.send(exchange, 200, Map.of("issuer", url() + "/oidc", "token_endpoint",
					url() + "/oidc/v1/token", "authorization_endpoint", url() + "/oidc/v1/authorize"));
			return;
		}
		if (method.equals("POST") && path.equals("/oidc/v1/token")) {
			this.oauth.issue(exchange);
			return;
		}
		if (!path.startsWith("/api/")) {
			HttpExchanges.error(exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
			return;
		}
		EmulatedIdentity caller = this.oauth.authenticate(exchange);
		if (caller == null) {
			HttpExchanges.error(exchange, 401, "UNAUTHENTICATED",
					"Credential was not sent or was of an unsupported type for this API.");
			return;
		}
		routeApi(exchange, method, path, caller);
	}

	private void routeApi(HttpExchange exchange, String method, String path, EmulatedIdentity caller)
			throws IOException {
		Matcher resource = POSTGRES_RESOURCE.matcher(path);
		Matcher instance = INSTANCE.matcher(path);
		if (this.branches.handles(method, path)) {
			this.branches.answer(exchange, method, path);
		}
		else if (method.equals("POST") && path.equals("/api/2.0/postgres/credentials")) {
			this.credentials.mintForEndpoint(exchange, caller, this.oauth.scopes(exchange));
		}
		else if (method.equals("POST") && path.equals("/api/2.0/database/credentials")) {
			this.credentials.mintForInstance(exchange, caller, this.oauth.scopes(exchange));
		}
		else if (method.equals("GET") && resource.matches()) {
			new WorkspaceResources(this.model).answer(resource.group(1), HttpExchanges.query(exchange),
					(status, body) -> {
						if (status == 200) {
							HttpExchanges.send(exchange, status, body);
						}
						else {
							HttpExchanges.error(exchange, status, "NOT_FOUND", (String) body);
						}
					});
		}
		else if (method.equals("GET") && instance.matches()) {
			EmulatedEndpoint found = this.model.instance(instance.group(1));
			if (found == null) {
				HttpExchanges.error(exchange, 404, "NOT_FOUND",
						"Database instance '" + instance.group(1) + "' does not exist.");
			}
			else {
				HttpExchanges.send(exchange, 200, WorkspaceResources.instanceJson(found));
			}
		}
		else if (method.equals("GET") && path.startsWith("/api/2.0/apps/")) {
			String name = path.substring("/api/2.0/apps/".length());
			if (name.equals(this.model.appName())) {
				HttpExchanges.send(exchange, 200, Map.of("name", name, "compute_min_instances", 1,
						"compute_max_instances", this.model.appMaxInstances()));
			}
			else {
				HttpExchanges.error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "App '" + name + "' does not exist.");
			}
		}
		else if (method.equals("GET") && path.equals("/api/2.0/preview/scim/v2/Me")) {
			HttpExchanges.send(exchange, 200, Map.of("id", Integer.toUnsignedString(caller.roleName().hashCode()),
					"userName", caller.roleName(), "displayName", caller.roleName(), "active", true));
		}
		else {
			HttpExchanges.error(exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
		}
	}

	@Override
	public void close() {
		this.branches.close();
		this.server.stop(0);
	}

}
