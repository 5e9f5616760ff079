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
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lakebase.spring.test.WorkspaceFaults.Fault;
import dev.lakebase.spring.test.WorkspaceFaults.Target;

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

	/**
	 * The JDK's HTTP server writes a response's headers and its body in two writes; on a
	 * socket without {@code TCP_NODELAY}, Nagle's algorithm holds the body back until the
	 * client acknowledges the headers, which a client that delays its acknowledgements
	 * does about 40 ms later. That added 40 ms to almost every request on a kept-alive
	 * connection, which a real workspace does not. The JDK reads this property once per
	 * JVM, when its first HTTP server is created, and has no other way to set the option.
	 */
	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

	private static final Pattern POSTGRES_RESOURCE = Pattern
		.compile("/api/2\\.0/postgres/(projects(?:/[^/]+(?:/branches(?:/[^/]+(?:/endpoints(?:/[^/]+)?)?)?)?)?)");

	private static final Pattern INSTANCE = Pattern.compile("/api/2\\.0/database/instances/([^/]+)");

	private static final SecureRandom random = new SecureRandom();

	private record AccessToken(EmulatedIdentity identity, Instant expiresAt) {
	}

	private final LakebaseEmulator emulator;

	private final DatabaseTokens databaseTokens;

	private final WorkspaceFaults faults;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper();

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final HttpServer server;

	FakeWorkspace(LakebaseEmulator emulator, DatabaseTokens databaseTokens, WorkspaceFaults faults, Clock clock,
			ExecutorService executor) throws IOException {
		this.emulator = emulator;
		this.databaseTokens = databaseTokens;
		this.faults = faults;
		this.clock = clock;
		this.server = createServer();
		this.server.setExecutor(executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Create the JDK's HTTP server with {@code TCP_NODELAY}: the property is set only
	 * while the server is created (and the JDK reads it), unless the user has set it
	 * already.
	 */
	private static HttpServer createServer() throws IOException {
		InetSocketAddress address = new InetSocketAddress(LakebaseEmulator.LOOPBACK, 0);
		synchronized (FakeWorkspace.class) {
			if (System.getProperty(NO_DELAY_PROPERTY) != null) {
				return HttpServer.create(address, 100);
			}
			System.setProperty(NO_DELAY_PROPERTY, "true");
			try {
				return HttpServer.create(address, 100);
			}
			finally {
				System.clearProperty(NO_DELAY_PROPERTY);
			}
		}
	}

	int requestCount(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	int requestCount() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	String url() {
		return "http://" + LakebaseEmulator.LOOPBACK + ":" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			Fault fault = this.faults.take(target(path));
			if (fault != null) {
				answerFault(exchange, fault);
				return;
			}
			route(exchange, method, path);
		}
		catch (RuntimeException ex) {
			logger.warn("Fake workspace failed on {}", exchange.getRequestURI().getPath(), ex);
		}
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

	private void answerFault(HttpExchange exchange, Fault fault) throws IOException {
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
		error(exchange, status, code, "Injected fault (HTTP " + status + ")");
	}

	private void route(HttpExchange exchange, String method, String path) throws IOException {
		if (method.equals("GET") && path.equals("/.well-known/databricks-config")) {
			send(exchange, 200, Map.of("oidc_endpoint", url() + "/oidc", "workspace_id", LakebaseEmulator.WORKSPACE_ID,
					"cloud", "aws"));
			return;
		}
		if (method.equals("GET") && path.equals("/oidc/.well-known/oauth-authorization-server")) {
			send(exchange, 200, Map.of("issuer", url() + "/oidc", "token_endpoint", url() + "/oidc/v1/token",
					"authorization_endpoint", url() + "/oidc/v1/authorize"));
			return;
		}
		if (method.equals("POST") && path.equals("/oidc/v1/token")) {
			issueAccessToken(exchange);
			return;
		}
		if (!path.startsWith("/api/")) {
			error(exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
			return;
		}
		EmulatedIdentity caller = authenticate(exchange);
		if (caller == null) {
			error(exchange, 401, "UNAUTHENTICATED",
					"Credential was not sent or was of an unsupported type for this API.");
			return;
		}
		routeApi(exchange, method, path, caller);
	}

	private void routeApi(HttpExchange exchange, String method, String path, EmulatedIdentity caller)
			throws IOException {
		Matcher resource = POSTGRES_RESOURCE.matcher(path);
		Matcher instance = INSTANCE.matcher(path);
		if (method.equals("POST") && path.equals("/api/2.0/postgres/credentials")) {
			mintForEndpoint(exchange, caller);
		}
		else if (method.equals("POST") && path.equals("/api/2.0/database/credentials")) {
			mintForInstance(exchange, caller);
		}
		else if (method.equals("GET") && resource.matches()) {
			new WorkspaceResources(this.emulator).answer(resource.group(1), query(exchange), (status, body) -> {
				if (status == 200) {
					send(exchange, status, body);
				}
				else {
					error(exchange, status, "NOT_FOUND", (String) body);
				}
			});
		}
		else if (method.equals("GET") && instance.matches()) {
			EmulatedEndpoint found = this.emulator.findInstance(instance.group(1));
			if (found == null) {
				error(exchange, 404, "NOT_FOUND", "Database instance '" + instance.group(1) + "' does not exist.");
			}
			else {
				send(exchange, 200, WorkspaceResources.instanceJson(found));
			}
		}
		else if (method.equals("GET") && path.equals("/api/2.0/preview/scim/v2/Me")) {
			send(exchange, 200, Map.of("id", Integer.toUnsignedString(caller.roleName().hashCode()), "userName",
					caller.roleName(), "displayName", caller.roleName(), "active", true));
		}
		else {
			error(exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
		}
	}

	private void issueAccessToken(HttpExchange exchange) throws IOException {
		Map<String, String> form = parseForm(readBody(exchange));
		String clientId = form.get("client_id");
		String clientSecret = form.get("client_secret");
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon > 0) {
				clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
				clientSecret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
			}
		}
		EmulatedIdentity identity = this.emulator.findServicePrincipal(clientId);
		if (!"client_credentials".equals(form.get("grant_type"))) {
			send(exchange, 400, Map.of("error", "unsupported_grant_type", "error_description",
					"Only client_credentials is supported"));
			return;
		}
		if (identity == null || !identity.secret().equals(clientSecret)) {
			send(exchange, 401, Map.of("error", "invalid_client", "error_description", "Client authentication failed"));
			return;
		}
		String token = randomToken("lbemu-oauth.");
		this.accessTokens.put(token, new AccessToken(identity, this.clock.instant().plus(ACCESS_TOKEN_LIFETIME)));
		send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in",
				ACCESS_TOKEN_LIFETIME.toSeconds(), "scope", form.getOrDefault("scope", "all-apis")));
	}

	private @Nullable EmulatedIdentity authenticate(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String bearer = authorization.substring(7).trim();
		AccessToken accessToken = this.accessTokens.get(bearer);
		if (accessToken != null) {
			return this.clock.instant().isBefore(accessToken.expiresAt()) ? accessToken.identity() : null;
		}
		return this.emulator.findUserByPersonalAccessToken(bearer);
	}

	private void mintForEndpoint(HttpExchange exchange, EmulatedIdentity caller) throws IOException {
		JsonNode request = this.json.readTree(readBody(exchange));
		String path = request.path("endpoint").asText("");
		EmulatedEndpoint endpoint = this.emulator.findEndpoint(path);
		if (endpoint == null) {
			error(exchange, 404, "NOT_FOUND", "Endpoint '" + path + "' does not exist.");
			return;
		}
		Duration ttl = null;
		if (request.hasNonNull("ttl")) {
			ttl = parseDuration(request.get("ttl").asText());
			if (ttl == null || ttl.compareTo(Duration.ofSeconds(300)) < 0 || ttl.compareTo(Duration.ofHours(1)) > 0) {
				error(exchange, 400, "INVALID_PARAMETER_VALUE", "ttl must be between 300s and 3600s");
				return;
			}
		}
		if (!caller.hasCredentialPermission()) {
			error(exchange, 403, "PERMISSION_DENIED",
					"User does not have permission to generate a credential for '" + path + "'.");
			return;
		}
		DatabaseTokens.Minted minted = this.databaseTokens.mint(caller, endpoint.path(), ttl);
		send(exchange, 200, Map.of("token", minted.token(), "expire_time", minted.expiresAt().toString()));
	}

	private void mintForInstance(HttpExchange exchange, EmulatedIdentity caller) throws IOException {
		JsonNode request = this.json.readTree(readBody(exchange));
		List<String> names = new ArrayList<>();
		request.path("instance_names").forEach((name) -> names.add(name.asText()));
		if (names.isEmpty()) {
			error(exchange, 400, "INVALID_PARAMETER_VALUE", "instance_names must name at least one instance");
			return;
		}
		for (String name : names) {
			if (this.emulator.findInstance(name) == null) {
				error(exchange, 404, "NOT_FOUND", "Database instance '" + name + "' does not exist.");
				return;
			}
		}
		if (!caller.hasCredentialPermission()) {
			error(exchange, 403, "PERMISSION_DENIED",
					"User does not have permission to generate a credential for '" + names.get(0) + "'.");
			return;
		}
		DatabaseTokens.Minted minted = this.databaseTokens.mint(caller, names.get(0), null);
		send(exchange, 200, Map.of("token", minted.token(), "expiration_time", minted.expiresAt().toString()));
	}

	static @Nullable Duration parseDuration(@Nullable String text) {
		if (text == null || !text.endsWith("s")) {
			return null;
		}
		try {
			double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
			return Duration.ofNanos((long) (seconds * 1_000_000_000L));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Map<String, String> query(HttpExchange exchange) {
		String raw = exchange.getRequestURI().getRawQuery();
		return (raw != null) ? parseForm(raw) : Map.of();
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return form;
	}

	private static String readBody(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String randomToken(String prefix) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		send(exchange, status, Map.of("error_code", code, "message", message));
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
