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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpExchanges}: the fake workspace's HTTP plumbing, a server on the loopback
 * address that answers JSON, forms and queries decoded, and the JVM's properties left as
 * they were.
 */
class HttpExchangesTests {

	@Test
	void formsAndQueriesAreDecodedAndEmptyPairsSkipped() {
		assertThat(HttpExchanges.parseForm("grant_type=client_credentials&scope=all%20apis&&flag")).containsExactly(
				Map.entry("grant_type", "client_credentials"), Map.entry("scope", "all apis"), Map.entry("flag", ""));
		assertThat(HttpExchanges.parseForm("")).isEmpty();
	}

	@Test
	void aServerAnswersJsonAndErrorsOnTheLoopbackAddressAndLeavesNoDelaySetting() throws Exception {
		String before = System.getProperty("sun.net.httpserver.nodelay");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		HttpServer server = HttpExchanges.startServer((exchange) -> {
			try {
				Map<String, String> query = HttpExchanges.query(exchange);
				if (query.containsKey("fail")) {
					HttpExchanges.error(exchange, 404, "NOT_FOUND", "No " + query.get("fail"));
				}
				else {
					HttpExchanges.send(exchange, 200, Map.of("echo", HttpExchanges.readBody(exchange)));
				}
			}
			finally {
				exchange.close();
			}
		}, executor);
		try {
			assertThat(server.getAddress().getAddress().getHostAddress()).isEqualTo(LakebaseEmulator.LOOPBACK);
			assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo(before);
			HttpClient client = HttpClient.newHttpClient();
			String base = "http://" + LakebaseEmulator.LOOPBACK + ":" + server.getAddress().getPort() + "/";
			HttpResponse<String> ok = client.send(
					HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(ok.body()).isEqualTo("{\"echo\":\"hi\"}");
			HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "?fail=thing")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(HttpExchanges.json().readTree(missing.body()).get("error_code").asText()).isEqualTo("NOT_FOUND");
		}
		finally {
			server.stop(0);
			executor.shutdownNow();
		}
	}

}
