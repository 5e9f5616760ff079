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
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server under the fake workspace: starting it, reading requests and
 * writing JSON answers as the workspace API does.
 *
 * @author Lakebase Spring Boot contributors
 */
final class HttpExchanges {

	private static final ObjectMapper json = new ObjectMapper();

	/**
	 * The JDK's HTTP server writes a response's headers and its body in two writes; on a
	 * socket without {@code TCP_NODELAY}, Nagle's algorithm holds the body back until the
	 * client acknowledges the headers, which a client that delays its acknowledgements
	 * does about 40 ms later. That added 40 ms to almost every request on a kept-alive
	 * connection, which a real workspace does not. The JDK reads this property once per
	 * JVM, when its first HTTP server is created, and has no other way to set the option.
	 */
	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private HttpExchanges() {
	}

	/**
	 * Create and start a server on a free port of the loopback address.
	 * @param handler what answers every request
	 * @param executor what runs the handler
	 * @return the running server
	 * @throws IOException if the server cannot be created
	 */
	static HttpServer startServer(HttpHandler handler, Executor executor) throws IOException {
		HttpServer server = createServer();
		server.setExecutor(executor);
		server.createContext("/", handler);
		start(server);
		return server;
	}

	/**
	 * Create the JDK's HTTP server with {@code TCP_NODELAY}: the property is set only
	 * while the server is created (and the JDK reads it), unless the user has set it
	 * already.
	 */
	private static HttpServer createServer() throws IOException {
		InetSocketAddress address = new InetSocketAddress(LakebaseEmulator.LOOPBACK, 0);
		synchronized (HttpExchanges.class) {
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

	/**
	 * Start the server's dispatcher thread, which takes its daemon status from the thread
	 * that starts it: from a daemon thread, so that the emulator never keeps the JVM
	 * alive (an application that returns from {@code main} ends).
	 */
	private static void start(HttpServer server) {
		Thread starter = new Thread(server::start, "lakebase-workspace-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.stop(0);
			throw new IllegalStateException("Interrupted while starting the fake workspace", ex);
		}
	}

	static ObjectMapper json() {
		return json;
	}

	static Map<String, String> query(HttpExchange exchange) {
		String raw = exchange.getRequestURI().getRawQuery();
		return (raw != null) ? parseForm(raw) : Map.of();
	}

	static Map<String, String> parseForm(String body) {
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

	static String readBody(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		send(exchange, status, Map.of("error_code", code, "message", message));
	}

	static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
