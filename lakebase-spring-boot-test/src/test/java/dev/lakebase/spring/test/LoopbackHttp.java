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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One handler of the fake workspace served on the loopback address, and a client that
 * calls it, for the tests of the handlers.
 */
final class LoopbackHttp implements AutoCloseable {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final HttpServer server;

	private final HttpClient client = HttpClient.newHttpClient();

	LoopbackHttp(Handler handler) throws IOException {
		this.server = HttpExchanges.startServer((exchange) -> {
			try {
				handler.handle(exchange);
			}
			finally {
				exchange.close();
			}
		}, this.executor);
	}

	/**
	 * Send a request.
	 * @param path the path
	 * @param body the body to post, or {@code null} for a GET
	 * @param headers header names and values
	 * @return the response
	 */
	HttpResponse<String> send(String path, String body, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(
				URI.create("http://" + LakebaseEmulator.LOOPBACK + ":" + this.server.getAddress().getPort() + path));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		if (body != null) {
			request.POST(HttpRequest.BodyPublishers.ofString(body));
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
