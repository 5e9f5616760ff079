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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The fake workspace's OAuth: the token endpoint of the machine-to-machine flow (client
 * credentials, in the form or with Basic authentication), and the bearer check of every
 * API call, which also takes a user's personal access token and a user's token as the
 * Databricks Apps proxy forwards it, limited to scopes.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceOAuth {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

	private static final SecureRandom random = new SecureRandom();

	private record AccessToken(EmulatedIdentity identity, Instant expiresAt) {
	}

	private final EmulatorDirectory model;

	private final Clock clock;

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	WorkspaceOAuth(EmulatorDirectory model, Clock clock) {
		this.model = model;
		this.clock = clock;
	}

	void issue(HttpExchange exchange) throws IOException {
		Map<String, String> form = HttpExchanges.parseForm(HttpExchanges.readBody(exchange));
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
		EmulatedIdentity identity = this.model.servicePrincipal(clientId, clientSecret);
		if (!"client_credentials".equals(form.get("grant_type"))) {
			HttpExchanges.send(exchange, 400, Map.of("error", "unsupported_grant_type", "error_description",
					"Only client_credentials is supported"));
			return;
		}
		if (identity == null) {
			HttpExchanges.send(exchange, 401,
					Map.of("error", "invalid_client", "error_description", "Client authentication failed"));
			return;
		}
		String token = randomToken("lbemu-oauth.");
		this.accessTokens.put(token, new AccessToken(identity, this.clock.instant().plus(ACCESS_TOKEN_LIFETIME)));
		HttpExchanges.send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in",
				ACCESS_TOKEN_LIFETIME.toSeconds(), "scope", form.getOrDefault("scope", "all-apis")));
	}

	@Nullable EmulatedIdentity authenticate(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String bearer = authorization.substring(7).trim();
		AccessToken accessToken = this.accessTokens.get(bearer);
		if (accessToken != null) {
			return this.clock.instant().isBefore(accessToken.expiresAt()) ? accessToken.identity() : null;
		}
		EmulatorDirectory.ForwardedToken forwarded = this.model.forwardedToken(bearer);
		if (forwarded != null) {
			return forwarded.identity();
		}
		return this.model.userByToken(bearer);
	}

	/**
	 * Return the scopes a call's token is limited to: those of a user's forwarded token,
	 * else {@code null} (every API).
	 * @param exchange the call
	 * @return the scopes, or {@code null}
	 */
	@Nullable Set<String> scopes(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		EmulatorDirectory.ForwardedToken forwarded = this.model.forwardedToken(authorization.substring(7).trim());
		return (forwarded != null) ? forwarded.scopes() : null;
	}

	private static String randomToken(String prefix) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
