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

package dev.lakebase.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.users.AsUser;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests through a warm user pool ({@code @AsUser}) against the same requests through
 * the app's pool, one of each per iteration in a shuffled order; then the first request
 * of new users (identity lookup, credential mint, login).
 */
final class UsersBenchmark {

	private UsersBenchmark() {
	}

	/**
	 * What was measured.
	 *
	 * @param warm the warm user pool (first column) against the app's pool
	 * @param control the app's pool against itself
	 * @param firstRequestNanos the first request of each new user
	 */
	record Result(PairedLatencies warm, PairedLatencies control, long[] firstRequestNanos) {
	}

	static Result run(int iterations, int newUsers) throws Exception {
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().start()) {
			EmulatedIdentity warmUser = emulator.identities().addUser("warm@example.com", true);
			String warmToken = emulator.identities().forwardedToken(warmUser, "postgres");
			SpringApplication application = new SpringApplication(UsersApp.class);
			Map<String, Object> properties = new java.util.LinkedHashMap<>(emulator.springProperties());
			properties.put("server.port", "0");
			properties.put("lakebase.users.enabled", "true");
			properties.put("spring.autoconfigure.exclude",
					"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
							+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
							+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
			application.setDefaultProperties(properties);
			try (ConfigurableApplicationContext app = application.run()) {
				String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
				HttpClient http = HttpClient.newHttpClient();
				HttpRequest asUser = request(base + "/as-user", warmToken, warmUser.roleName());
				HttpRequest asApp = request(base + "/as-app", null, null);
				for (int i = 0; i < 500; i++) {
					send(http, asUser);
					send(http, asApp);
				}
				long[] user = new long[iterations];
				long[] appNanos = new long[iterations];
				long[] appAgain = new long[iterations];
				Random random = new Random(PairedBenchmark.SEED);
				List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
				for (int i = 0; i < iterations; i++) {
					Collections.shuffle(order, random);
					for (int variant : order) {
						long started = System.nanoTime();
						send(http, (variant == 0) ? asUser : asApp);
						long took = System.nanoTime() - started;
						switch (variant) {
							case 0 -> user[i] = took;
							case 1 -> appNanos[i] = took;
							default -> appAgain[i] = took;
						}
					}
				}
				long[] first = new long[newUsers];
				for (int i = 0; i < newUsers; i++) {
					EmulatedIdentity fresh = emulator.identities().addUser("new" + i + "@example.com", true);
					HttpRequest firstRequest = request(base + "/as-user",
							emulator.identities().forwardedToken(fresh, "postgres"), fresh.roleName());
					long started = System.nanoTime();
					send(http, firstRequest);
					first[i] = System.nanoTime() - started;
				}
				return new Result(new PairedLatencies("warm user pool vs the app's pool", user, appNanos),
						new PairedLatencies("the app's pool vs itself (" + PairedBenchmark.CONTROL + ")", appAgain,
								appNanos),
						first);
			}
		}
	}

	private static HttpRequest request(String uri, String token, String email) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("X-Forwarded-Access-Token", token).header("X-Forwarded-Email", email);
		}
		return request.build();
	}

	private static void send(HttpClient http, HttpRequest request) throws Exception {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class UsersApp {

	}

	@RestController
	static class Endpoints {

		private final JdbcTemplate jdbc;

		Endpoints(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping("/as-user")
		@AsUser
		public Integer asUser() {
			return this.jdbc.queryForObject("SELECT 1", Integer.class);
		}

		@GetMapping("/as-app")
		public Integer asApp() {
			return this.jdbc.queryForObject("SELECT 1", Integer.class);
		}

	}

}
