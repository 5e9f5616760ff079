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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The two database credential APIs of the fake workspace: {@code postgres/credentials}
 * for an Autoscaling endpoint and {@code database/credentials} for Provisioned instances,
 * with Lakebase's checks of the request and of the caller's permission.
 *
 * @author Lakebase Spring Boot contributors
 */
final class CredentialApi {

	private final EmulatorDirectory model;

	static final String POSTGRES_SCOPE = "postgres";

	private final DatabaseTokens databaseTokens;

	CredentialApi(EmulatorDirectory model, DatabaseTokens databaseTokens) {
		this.model = model;
		this.databaseTokens = databaseTokens;
	}

	void mintForEndpoint(HttpExchange exchange, EmulatedIdentity caller, @Nullable Set<String> scopes)
			throws IOException {
		if (!hasPostgresScope(exchange, scopes)) {
			return;
		}
		JsonNode request = HttpExchanges.json().readTree(HttpExchanges.readBody(exchange));
		String path = request.path("endpoint").asText("");
		EmulatedEndpoint endpoint = this.model.endpoint(path);
		if (endpoint == null) {
			HttpExchanges.error(exchange, 404, "NOT_FOUND", "Endpoint '" + path + "' does not exist.");
			return;
		}
		Duration ttl = null;
		if (request.hasNonNull("ttl")) {
			ttl = parseDuration(request.get("ttl").asText());
			if (ttl == null || ttl.compareTo(Duration.ofSeconds(300)) < 0 || ttl.compareTo(Duration.ofHours(1)) > 0) {
				HttpExchanges.error(exchange, 400, "INVALID_PARAMETER_VALUE", "ttl must be between 300s and 3600s");
				return;
			}
		}
		if (!caller.hasCredentialPermission()) {
			HttpExchanges.error(exchange, 403, "PERMISSION_DENIED",
					"User does not have permission to generate a credential for '" + path + "'.");
			return;
		}
		DatabaseTokens.Minted minted = this.databaseTokens.mint(caller, endpoint.path(), ttl);
		HttpExchanges.send(exchange, 200,
				Map.of("token", minted.token(), "expire_time", minted.expiresAt().toString()));
	}

	void mintForInstance(HttpExchange exchange, EmulatedIdentity caller, @Nullable Set<String> scopes)
			throws IOException {
		if (!hasPostgresScope(exchange, scopes)) {
			return;
		}
		JsonNode request = HttpExchanges.json().readTree(HttpExchanges.readBody(exchange));
		List<String> names = new ArrayList<>();
		request.path("instance_names").forEach((name) -> names.add(name.asText()));
		if (names.isEmpty()) {
			HttpExchanges.error(exchange, 400, "INVALID_PARAMETER_VALUE",
					"instance_names must name at least one instance");
			return;
		}
		for (String name : names) {
			if (this.model.instance(name) == null) {
				HttpExchanges.error(exchange, 404, "NOT_FOUND", "Database instance '" + name + "' does not exist.");
				return;
			}
		}
		if (!caller.hasCredentialPermission()) {
			HttpExchanges.error(exchange, 403, "PERMISSION_DENIED",
					"User does not have permission to generate a credential for '" + names.get(0) + "'.");
			return;
		}
		DatabaseTokens.Minted minted = this.databaseTokens.mint(caller, names.get(0), null);
		HttpExchanges.send(exchange, 200,
				Map.of("token", minted.token(), "expiration_time", minted.expiresAt().toString()));
	}

	/**
	 * Whether a token may mint database credentials: one limited to scopes needs
	 * {@code postgres} among them (else the call fails with 403).
	 */
	private static boolean hasPostgresScope(HttpExchange exchange, @Nullable Set<String> scopes) throws IOException {
		if (scopes == null || scopes.contains(POSTGRES_SCOPE)) {
			return true;
		}
		HttpExchanges.error(exchange, 403, "PERMISSION_DENIED",
				"Provided OAuth token does not have required scopes: " + POSTGRES_SCOPE);
		return false;
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

}
