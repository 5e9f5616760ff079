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
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CredentialApi}: database credentials for an Autoscaling endpoint and for a
 * Provisioned instance, with Lakebase's checks: the target exists, the lifetime asked for
 * is within 5 minutes and 1 hour, the caller may mint, and a token limited to scopes has
 * {@code postgres}. Over HTTP, as the SDK calls it.
 */
class CredentialApiTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private static final String ENDPOINT = "projects/p/branches/production/endpoints/primary";

	private final DatabaseTokens tokens = new DatabaseTokens(new MovingClock(START), Duration.ofHours(1));

	private final EmulatorDirectory directory = new EmulatorDirectory(this.tokens, (target) -> null);

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "secret", true);

	private volatile Set<String> scopes;

	private LoopbackHttp http;

	@BeforeEach
	void start() throws IOException {
		this.directory.endpoints()
			.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, "p", "production", "primary", false));
		this.directory.endpoints()
			.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, "orders", false));
		CredentialApi api = new CredentialApi(this.directory, this.tokens);
		this.http = new LoopbackHttp((exchange) -> {
			if (exchange.getRequestURI().getPath().endsWith("/postgres/credentials")) {
				api.mintForEndpoint(exchange, this.app, this.scopes);
			}
			else {
				api.mintForInstance(exchange, this.app, this.scopes);
			}
		});
	}

	@AfterEach
	void stop() {
		this.http.close();
	}

	@Test
	void anEndpointsCredentialLivesAnHourOrAsLongAsAsked() throws Exception {
		HttpResponse<String> hour = endpoint("{\"endpoint\":\"" + ENDPOINT + "\"}");
		assertThat(hour.statusCode()).isEqualTo(200);
		JsonNode minted = HttpExchanges.json().readTree(hour.body());
		assertThat(minted.get("expire_time").asText()).isEqualTo(START.plus(Duration.ofHours(1)).toString());
		assertThat(this.tokens.check(this.app.roleName(), minted.get("token").asText()))
			.isEqualTo(DatabaseTokens.Check.VALID);
		HttpResponse<String> asked = endpoint("{\"endpoint\":\"" + ENDPOINT + "\",\"ttl\":\"600s\"}");
		assertThat(HttpExchanges.json().readTree(asked.body()).get("expire_time").asText())
			.isEqualTo(START.plusSeconds(600).toString());
		assertThat(this.tokens.mintsForTarget(ENDPOINT)).isEqualTo(2);
	}

	@Test
	void aLifetimeOutsideFiveMinutesToAnHourOrNotInSecondsIsRefused() throws Exception {
		for (String ttl : new String[] { "299s", "3601s", "10m", "abcs" }) {
			HttpResponse<String> response = endpoint("{\"endpoint\":\"" + ENDPOINT + "\",\"ttl\":\"" + ttl + "\"}");
			assertThat(response.statusCode()).as(ttl).isEqualTo(400);
			assertThat(response.body()).contains("INVALID_PARAMETER_VALUE");
		}
		assertThat(endpoint("{\"endpoint\":\"" + ENDPOINT + "\",\"ttl\":\"300s\"}").statusCode()).isEqualTo(200);
		assertThat(endpoint("{\"endpoint\":\"" + ENDPOINT + "\",\"ttl\":\"3600s\"}").statusCode()).isEqualTo(200);
		assertThat(CredentialApi.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(CredentialApi.parseDuration(null)).isNull();
	}

	@Test
	void anUnknownTargetIsNotFound() throws Exception {
		HttpResponse<String> endpoint = endpoint("{\"endpoint\":\"projects/p/branches/production/endpoints/other\"}");
		assertThat(endpoint.statusCode()).isEqualTo(404);
		assertThat(endpoint.body()).contains("projects/p/branches/production/endpoints/other");
		assertThat(instance("{\"instance_names\":[\"orders\",\"missing\"]}").statusCode()).isEqualTo(404);
		assertThat(instance("{\"instance_names\":[]}").statusCode()).isEqualTo(400);
		assertThat(this.tokens.totalMints()).isZero();
	}

	@Test
	void anInstancesCredentialIsMintedForTheFirstNamedInstance() throws Exception {
		HttpResponse<String> response = instance("{\"instance_names\":[\"orders\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpExchanges.json().readTree(response.body()).get("expiration_time").asText())
			.isEqualTo(START.plus(Duration.ofHours(1)).toString());
		assertThat(this.tokens.mintsForTarget("orders")).isEqualTo(1);
	}

	@Test
	void aCallerWithoutPermissionOrWithoutThePostgresScopeIsRefused() throws Exception {
		this.app.setCredentialPermission(false);
		HttpResponse<String> denied = endpoint("{\"endpoint\":\"" + ENDPOINT + "\"}");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.body()).contains("PERMISSION_DENIED").contains("permission to generate a credential");
		assertThat(instance("{\"instance_names\":[\"orders\"]}").statusCode()).isEqualTo(403);
		this.app.setCredentialPermission(true);
		this.scopes = Set.of("sql");
		HttpResponse<String> unscoped = endpoint("{\"endpoint\":\"" + ENDPOINT + "\"}");
		assertThat(unscoped.statusCode()).isEqualTo(403);
		assertThat(unscoped.body()).contains("does not have required scopes: postgres");
		this.scopes = Set.of("sql", "postgres");
		assertThat(endpoint("{\"endpoint\":\"" + ENDPOINT + "\"}").statusCode()).isEqualTo(200);
		assertThat(this.tokens.totalMints()).isEqualTo(1);
	}

	private HttpResponse<String> endpoint(String body) throws IOException, InterruptedException {
		return this.http.send("/api/2.0/postgres/credentials", body);
	}

	private HttpResponse<String> instance(String body) throws IOException, InterruptedException {
		return this.http.send("/api/2.0/database/credentials", body);
	}

}
