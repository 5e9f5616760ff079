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

import java.util.List;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /me/notes} as two signed-in users, with the headers the Databricks Apps proxy
 * sets: each writes and reads only their own notes, as their own Postgres role; without a
 * user token the request is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(UserNotesTests.Lakebase.class)
class UserNotesTests {

	@Autowired
	LakebaseEmulator lakebase;

	@LocalServerPort
	int port;

	@Test
	void eachUserReadsOnlyTheirOwnNotes() {
		EmulatedIdentity ada = this.lakebase.identities().addUser("ada@example.com", true);
		EmulatedIdentity grace = this.lakebase.identities().addUser("grace@example.com", true);
		RestClient asAda = client(ada);
		RestClient asGrace = client(grace);
		asAda.post()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "Ada's note"))
			.retrieve()
			.toBodilessEntity();
		asGrace.post()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("body", "Grace's note"))
			.retrieve()
			.toBodilessEntity();
		assertThat(notes(asAda)).containsExactly(Map.of("owner", "ada@example.com", "body", "Ada's note"));
		assertThat(notes(asGrace)).containsExactly(Map.of("owner", "grace@example.com", "body", "Grace's note"));
	}

	@Test
	void aRequestWithoutAUserTokenIsRefused() {
		HttpStatusCode status = RestClient.create("http://localhost:" + this.port + "/me/notes")
			.get()
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(401);
	}

	private RestClient client(EmulatedIdentity user) {
		String token = this.lakebase.identities().forwardedToken(user, "postgres", "iam.current-user:read");
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/me/notes")
			.defaultHeader("X-Forwarded-Access-Token", token)
			.defaultHeader("X-Forwarded-Email", user.roleName())
			.build();
	}

	private static List<Map<String, String>> notes(RestClient client) {
		return client.get().retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(appName = "agent-memory-service")
	static class Lakebase {

	}

}
