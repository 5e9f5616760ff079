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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorkspaceOAuth}: OAuth machine-to-machine tokens for a service principal's
 * client ID and secret (in the form or with Basic authentication), and the bearer check
 * of an API call, which takes those tokens until they expire, a user's personal access
 * token and a user's forwarded token with its scopes. Over HTTP, as the SDK calls it.
 */
class WorkspaceOAuthTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final MovingClock clock = new MovingClock(START);

	private final EmulatorDirectory directory = new EmulatorDirectory(
			new DatabaseTokens(this.clock, Duration.ofHours(1)), (target) -> null);

	private final WorkspaceOAuth oauth = new WorkspaceOAuth(this.directory, this.clock);

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "app-secret", true);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "ada@example.com",
			"dapi-ada", true);

	private LoopbackHttp http;

	@BeforeEach
	void start() throws IOException {
		this.directory.identities().add(this.app);
		this.directory.identities().add(this.user);
		this.http = new LoopbackHttp((exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/oidc/v1/token")) {
				this.oauth.issue(exchange);
				return;
			}
			EmulatedIdentity identity = this.oauth.authenticate(exchange);
			Set<String> scopes = this.oauth.scopes(exchange);
			HttpExchanges.send(exchange, (identity != null) ? 200 : 401,
					Map.of("identity", (identity != null) ? identity.roleName() : "", "scopes",
							(scopes != null) ? String.join(" ", scopes) : "all"));
		});
	}

	@AfterEach
	void stop() {
		this.http.close();
	}

	@Test
	void aServicePrincipalGetsATokenWithItsSecretInTheFormOrInBasicAuthentication() throws Exception {
		HttpResponse<String> form = token("grant_type=client_credentials&scope=all-apis&client_id="
				+ this.app.clientId() + "&client_secret=app-secret", null);
		assertThat(form.statusCode()).isEqualTo(200);
		JsonNode issued = HttpExchanges.json().readTree(form.body());
		assertThat(issued.get("token_type").asText()).isEqualTo("Bearer");
		assertThat(issued.get("expires_in").asLong()).isEqualTo(3600);
		assertThat(issued.get("scope").asText()).isEqualTo("all-apis");
		String basic = Base64.getEncoder()
			.encodeToString((this.app.clientId() + ":app-secret").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> header = token("grant_type=client_credentials", "Basic " + basic);
		assertThat(header.statusCode()).isEqualTo(200);
		assertThat(HttpExchanges.json().readTree(header.body()).get("access_token").asText())
			.isNotEqualTo(issued.get("access_token").asText());
	}

	@Test
	void aWrongSecretAUserOrAnotherGrantIsRefused() throws Exception {
		HttpResponse<String> wrongSecret = token(
				"grant_type=client_credentials&client_id=" + this.app.clientId() + "&client_secret=wrong", null);
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(wrongSecret.body()).contains("invalid_client");
		HttpResponse<String> aUser = token(
				"grant_type=client_credentials&client_id=ada@example.com&client_secret=dapi-ada", null);
		assertThat(aUser.statusCode()).isEqualTo(401);
		HttpResponse<String> otherGrant = token(
				"grant_type=password&client_id=" + this.app.clientId() + "&client_secret=app-secret", null);
		assertThat(otherGrant.statusCode()).isEqualTo(400);
		assertThat(otherGrant.body()).contains("unsupported_grant_type");
	}

	@Test
	void anAccessTokenAuthenticatesItsServicePrincipalUntilItExpires() throws Exception {
		String token = HttpExchanges.json()
			.readTree(token(
					"grant_type=client_credentials&client_id=" + this.app.clientId() + "&client_secret=app-secret",
					null)
				.body())
			.get("access_token")
			.asText();
		assertThat(call("Bearer " + token).body()).contains("\"identity\":\"" + this.app.roleName() + "\"")
			.contains("\"scopes\":\"all\"");
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(call("Bearer " + token).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(call("Bearer " + token).statusCode()).as("expired").isEqualTo(401);
	}

	@Test
	void aUsersPersonalAccessTokenAndForwardedTokenAuthenticateTheUser() throws Exception {
		assertThat(call("Bearer dapi-ada").body()).contains("\"identity\":\"ada@example.com\"")
			.contains("\"scopes\":\"all\"");
		this.directory.addForwardedToken("lbemu-user.forwarded", this.user, Set.of("postgres"));
		assertThat(call("Bearer lbemu-user.forwarded").body()).contains("\"identity\":\"ada@example.com\"")
			.contains("\"scopes\":\"postgres\"");
		this.directory.revokeForwardedToken("lbemu-user.forwarded");
		assertThat(call("Bearer lbemu-user.forwarded").statusCode()).isEqualTo(401);
	}

	@Test
	void noTokenOrAnUnknownOneAuthenticatesNobody() throws Exception {
		assertThat(call(null).statusCode()).isEqualTo(401);
		assertThat(call("Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8)))
			.statusCode()).isEqualTo(401);
		assertThat(call("Bearer lbemu-oauth.never-issued").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> token(String form, String authorization) throws IOException, InterruptedException {
		return (authorization != null)
				? this.http.send("/oidc/v1/token", form, "Content-Type", "application/x-www-form-urlencoded",
						"Authorization", authorization)
				: this.http.send("/oidc/v1/token", form, "Content-Type", "application/x-www-form-urlencoded");
	}

	private HttpResponse<String> call(String authorization) throws IOException, InterruptedException {
		return (authorization != null)
				? this.http.send("/api/2.0/preview/scim/v2/Me", null, "Authorization", authorization)
				: this.http.send("/api/2.0/preview/scim/v2/Me", null);
	}

}
