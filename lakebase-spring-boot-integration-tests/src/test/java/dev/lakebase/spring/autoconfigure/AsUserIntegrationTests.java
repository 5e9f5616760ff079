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

package dev.lakebase.spring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.EmulatedWorkspace;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.users.AsUser;
import dev.lakebase.spring.users.LakebaseUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.web.exchanges.HttpExchange;
import org.springframework.boot.actuate.web.exchanges.HttpExchangeRepository;
import org.springframework.boot.actuate.web.exchanges.InMemoryHttpExchangeRepository;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Work on behalf of the app's users, through the app's HTTP API with the headers the
 * Databricks Apps proxy sets: each user's requests run under the user's own role, so a
 * row-level security policy shows each only their rows; what cannot run as its user is
 * refused, never run as the app.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsUserIntegrationTests {

	private static final int USERS = 20;

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final List<EmulatedIdentity> users = new ArrayList<>();

	private static final List<String> tokens = new ArrayList<>();

	private static ConfigurableApplicationContext app;

	private static String previousHousekeeping;

	private static String startupOutput;

	@BeforeAll
	static void startApp(CapturedOutput output) throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		try (Connection connection = emulator.postgres().connectAsSuperuser(emulator.endpoint());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE user_note (owner text NOT NULL DEFAULT current_user, body text)");
			statement.execute("ALTER TABLE user_note ENABLE ROW LEVEL SECURITY");
			statement.execute("CREATE POLICY own_notes ON user_note USING (owner = current_user)");
			statement.execute("GRANT SELECT, INSERT ON user_note TO PUBLIC");
			for (int i = 0; i < USERS; i++) {
				EmulatedIdentity user = emulator.identities().addUser("user" + i + "@example.com", true);
				users.add(user);
				tokens.add(emulator.identities().forwardedToken(user, "postgres", "iam.current-user:read"));
				for (int n = 0; n < 3; n++) {
					statement.execute("INSERT INTO user_note VALUES ('" + user.roleName() + "', 'note " + n + " of "
							+ user.roleName() + "')");
				}
			}
		}
		// A housekeeping period of HikariCP shorter than its 30 s, for the pools of this
		// test's app only
		previousHousekeeping = System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "2000");
		Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties());
		properties.put("lakebase.users.max-pool-size", "2");
		properties.put("lakebase.users.idle-timeout", "10s");
		app = start(properties);
		startupOutput = output.toString();
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(NotesApp.class);
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("lakebase.users.enabled", "true");
		all.putAll(properties);
		application.setDefaultProperties(all);
		return application.run();
	}

	@AfterAll
	static void stopApp() {
		if (app != null) {
			app.close();
		}
		if (previousHousekeeping == null) {
			System.clearProperty("com.zaxxer.hikari.housekeeping.periodMs");
		}
		else {
			System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", previousHousekeeping);
		}
	}

	@Test
	void eachUsersRequestsSeeOnlyTheirRowsAsTheirOwnRoleAndIdlePoolsEmpty() throws Exception {
		int requestsPerUser = 8;
		List<Callable> calls = new ArrayList<>();
		for (int round = 0; round < requestsPerUser; round++) {
			for (int i = 0; i < USERS; i++) {
				calls.add(new Callable(i));
			}
		}
		Collections.shuffle(calls);
		AtomicInteger crossUser = new AtomicInteger();
		AtomicInteger maxPoolConnections = new AtomicInteger();
		UserPools pools = app.getBean(UserPools.class);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (Callable call : calls) {
				results.add(threads.submit(() -> {
					HttpResponse<String> response = get("/notes", tokens.get(call.user()),
							users.get(call.user()).roleName());
					assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
					String expectedUser = users.get(call.user()).roleName();
					String[] parts = response.body().split("\\|");
					if (!parts[0].equals(expectedUser)) {
						crossUser.incrementAndGet();
					}
					for (String body : parts[1].split(",")) {
						if (!body.endsWith(" of " + expectedUser)) {
							crossUser.incrementAndGet();
						}
					}
					assertThat(parts[1].split(",")).hasSize(3);
					maxPoolConnections.accumulateAndGet(pools.maxPoolConnections(), Math::max);
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(crossUser).hasValue(0);
		assertThat(maxPoolConnections.get()).isLessThanOrEqualTo(2);
		// The pools of these users, and those of the other tests' users
		assertThat(pools.poolCount()).isBetween(USERS, USERS + 4);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (pools.connections() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		assertThat(pools.connections()).as("connections of idle user pools").isZero();
	}

	@Test
	void aRequestWithoutAUserTokenIs401AndRunsNoStatement() throws Exception {
		int invocations = app.getBean(NotesController.class).invocations();
		long logins = lakebase.emulator().endpoint().counters().logins();
		HttpResponse<String> response = get("/notes", null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(app.getBean(NotesController.class).invocations()).isEqualTo(invocations);
		assertThat(lakebase.emulator().endpoint().counters().logins()).isEqualTo(logins);
	}

	@Test
	void anotherUsersEmailWithAUsersTokenIs403() throws Exception {
		HttpResponse<String> response = get("/notes", tokens.get(0), users.get(1).roleName());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain(users.get(0).roleName()).doesNotContain(users.get(1).roleName());
	}

	@Test
	void aUserWithoutARoleIs403WithAGenericBodyAndALogLineNamingTheFix(CapturedOutput output) throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity roleless = emulator.identities().addUser("no-role@example.com", false);
		String token = emulator.identities().forwardedToken(roleless, "postgres");
		HttpResponse<String> response = get("/notes", token, roleless.roleName());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("no-role@example.com").doesNotContain("databricks_create_role");
		assertThat(output).contains("databricks_create_role('no-role@example.com', 'USER')");
	}

	@Test
	void aTokenWithoutThePostgresScopeIs403WithALogLineNamingTheScope(CapturedOutput output) throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity user = emulator.identities().addUser("unscoped@example.com", true);
		String token = emulator.identities().forwardedToken(user, "iam.current-user:read");
		HttpResponse<String> response = get("/notes", token, user.roleName());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("postgres");
		assertThat(output).contains("Add the 'postgres' scope to the app's user authorization")
			.as("the workspace's refusal is logged without the token")
			.doesNotContain(token);
	}

	@Test
	void asyncWorkStartedAsAUserRunsAsThatUser() throws Exception {
		HttpResponse<String> response = get("/async-user", tokens.get(3), users.get(3).roleName());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(users.get(3).roleName());
	}

	@Test
	void workHandedToAnotherThreadFromAUserScopeRunsAsTheUserOrFailsButNeverAsTheApp() throws Exception {
		HttpResponse<String> response = get("/handed-off", tokens.get(4), users.get(4).roleName());
		assertThat(response.statusCode()).isEqualTo(200);
		String app = lakebase.emulator().identities().servicePrincipal().roleName();
		assertThat(response.body().split("\\|")).containsExactly("IllegalStateException", "IllegalStateException",
				users.get(4).roleName(), app);
	}

	@Test
	void asAppInsideAUserScopeRunsAsTheAppButNotInsideTheUsersTransaction() throws Exception {
		HttpResponse<String> response = get("/audit", tokens.get(5), users.get(5).roleName());
		assertThat(response.statusCode()).isEqualTo(200);
		String app = lakebase.emulator().identities().servicePrincipal().roleName();
		assertThat(response.body().split("\\|")).containsExactly(app, users.get(5).roleName(), "IllegalStateException");
	}

	@Test
	void workOutsideAUserScopeRunsAsTheApp() throws Exception {
		HttpResponse<String> response = get("/app", tokens.get(0), users.get(0).roleName());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(lakebase.emulator().identities().servicePrincipal().roleName());
	}

	@Test
	void aUserScopeInsideATransactionOfTheAppFails() throws Exception {
		HttpResponse<String> response = get("/inside-app-transaction", tokens.get(0), users.get(0).roleName());
		assertThat(response.statusCode()).isEqualTo(500);
	}

	@Test
	void startupWarnsThatOpenInViewRunsLazyLoadingAsTheApp() {
		assertThat(startupOutput).contains("spring.jpa.open-in-view is on with lakebase.users");
	}

	@Test
	void theForwardedTokenIsNotRecordedInHttpExchangesNorLogged(CapturedOutput output) throws Exception {
		String token = tokens.get(5);
		assertThat(get("/notes", token, users.get(5).roleName()).statusCode()).isEqualTo(200);
		List<HttpExchange> exchanges = app.getBean(HttpExchangeRepository.class).findAll();
		assertThat(exchanges).isNotEmpty();
		assertThat(exchanges).allSatisfy((exchange) -> {
			assertThat(exchange.getRequest().getHeaders().keySet())
				.noneMatch((name) -> name.equalsIgnoreCase("X-Forwarded-Access-Token"));
			assertThat(exchange.getRequest().getHeaders().values().toString()).doesNotContain(token);
		});
		assertThat(exchanges).anySatisfy((exchange) -> assertThat(exchange.getRequest().getHeaders().keySet())
			.anyMatch((name) -> name.equalsIgnoreCase("X-Forwarded-Email")));
		assertThat(output).doesNotContain(token);
		assertThat(startupOutput).doesNotContain(token);
	}

	@Test
	void metricsCountUserPoolsAndUserMintsWithNoTagNamingAUser() throws Exception {
		assertThat(get("/notes", tokens.get(6), users.get(6).roleName()).statusCode()).isEqualTo(200);
		MeterRegistry registry = app.getBean(MeterRegistry.class);
		assertThat(registry.get("lakebase.users.pools").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(registry.get("lakebase.users.connections").tag("state", "total").gauge()).isNotNull();
		assertThat(registry.get("lakebase.credentials.mints").tag("source", "user").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(registry.getMeters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTags().toString()).doesNotContain("@example.com"));
	}

	@Test
	void aTokenThatExpiredIs401WhenTheCredentialNeedsRenewingAndNothingRetriesIt(CapturedOutput output)
			throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity user = emulator.identities().addUser("leaving@example.com", true);
		String token = emulator.identities().forwardedToken(user, "postgres");
		emulator.tokens().setLifetime(Duration.ofSeconds(2));
		try {
			assertThat(get("/notes", token, user.roleName()).statusCode()).isEqualTo(200);
			assertThat(emulator.tokens().mintCount(user)).isEqualTo(1);
			emulator.identities().revokeForwardedToken(token);
			Thread.sleep(1500);
			assertThat(get("/notes", token, user.roleName()).statusCode()).isEqualTo(401);
			Thread.sleep(1000);
			assertThat(emulator.tokens().mintCount(user)).isEqualTo(1);
			assertThat(output).contains("The workspace refused a user's token when minting")
				.as("the workspace's refusal is logged without the token")
				.doesNotContain(token);
		}
		finally {
			emulator.tokens().setLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void locallyTheDeveloperStandsInForAMissingUserTokenWhenAskedTo(CapturedOutput output) throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity developer = emulator.identities().user();
		Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties(developer, emulator.endpoint()));
		properties.put("lakebase.users.developer-as-user", "true");
		UserPools localPools;
		try (ConfigurableApplicationContext local = start(properties)) {
			HttpResponse<String> response = get(local, "/notes", null, null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith(developer.roleName() + "|");
			localPools = local.getBean(UserPools.class);
			assertThat(localPools.poolCount()).isOne();
		}
		assertThat(localPools.poolCount()).as("user pools once the context closed").isZero();
		assertThat(output).contains("lakebase.users.developer-as-user is on");
		properties.put("DATABRICKS_APP_NAME", "notes");
		try (ConfigurableApplicationContext onApps = start(properties)) {
			assertThat(get(onApps, "/notes", null, null).statusCode()).isEqualTo(401);
		}
		assertThat(output).contains("lakebase.users.developer-as-user is ignored on Databricks Apps");
	}

	@Test
	void aBurstOfNewUsersMintsAtMostTheConfiguredNumberAtOnce() throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties());
		properties.put("lakebase.users.max-concurrent-mints", "2");
		List<EmulatedIdentity> burst = new ArrayList<>();
		List<String> burstTokens = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			EmulatedIdentity user = emulator.identities().addUser("burst" + i + "@example.com", true);
			burst.add(user);
			burstTokens.add(emulator.identities().forwardedToken(user, "postgres"));
		}
		String credentials = "/api/2.0/postgres/credentials";
		try (ConfigurableApplicationContext burstApp = start(properties)) {
			// The app's own credential is minted at start; what follows mints only for
			// users
			assertThat(get(burstApp, "/app", null, null).statusCode()).isEqualTo(200);
			emulator.workspace().resetMaxConcurrentRequests();
			emulator.workspace().delay(EmulatedWorkspace.Target.CREDENTIALS, Duration.ofMillis(300));
			ExecutorService threads = Executors.newFixedThreadPool(burst.size());
			try {
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < burst.size(); i++) {
					int user = i;
					statuses.add(threads
						.submit(() -> get(burstApp, "/notes", burstTokens.get(user), burst.get(user).roleName())
							.statusCode()));
				}
				for (Future<Integer> status : statuses) {
					assertThat(status.get()).isEqualTo(200);
				}
			}
			finally {
				threads.shutdown();
				emulator.workspace().delay(EmulatedWorkspace.Target.CREDENTIALS, Duration.ZERO);
			}
			assertThat(burst).allSatisfy((user) -> assertThat(emulator.tokens().mintCount(user)).isEqualTo(1));
			assertThat(emulator.workspace().maxConcurrentRequests(credentials)).isEqualTo(2);
		}
	}

	@Test
	void readOnlyTransactionsInAUserScopeRunAsTheUserAndOutsideItOnTheReadOnlyEndpoint() throws Exception {
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().readOnlyEndpoint().start()) {
			EmulatedIdentity user = emulator.identities().addUser("reader@example.com", true);
			try (Connection connection = emulator.postgres().connectAsSuperuser(emulator.endpoint());
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE user_note (owner text NOT NULL DEFAULT current_user, body text)");
				statement.execute("GRANT SELECT ON user_note TO PUBLIC");
			}
			Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties());
			properties.put("lakebase.read-only.endpoint", emulator.readOnlyEndpoint().path());
			try (ConfigurableApplicationContext readOnlyApp = start(properties)) {
				long readOnlyLogins = emulator.readOnlyEndpoint().counters().logins();
				String token = emulator.identities().forwardedToken(user, "postgres");
				HttpResponse<String> response = get(readOnlyApp, "/notes", token, user.roleName());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(user.roleName() + "|");
				assertThat(emulator.readOnlyEndpoint().counters().logins()).isEqualTo(readOnlyLogins);
				assertThat(get(readOnlyApp, "/app-read-only", null, null).body())
					.isEqualTo(emulator.identities().servicePrincipal().roleName());
				assertThat(emulator.readOnlyEndpoint().counters().logins()).isGreaterThan(readOnlyLogins);
			}
		}
	}

	@Test
	void withoutUsersTurnedOnAnAsUserMethodFailsRatherThanRunAsTheApp() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>(lakebase.emulator().springProperties());
		properties.put("lakebase.users.enabled", "false");
		try (ConfigurableApplicationContext off = start(properties)) {
			assertThatIllegalStateException().isThrownBy(() -> off.getBean(LakebaseUsers.class).asUser(() -> 1))
				.withMessageContaining("needs lakebase.users.enabled=true");
			HttpResponse<String> response = get(off, "/notes", tokens.get(0), users.get(0).roleName());
			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(off.getBean(NotesController.class).invocations()).isZero();
			assertThat(get(off, "/app", null, null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aNativePasswordWithUsersTurnedOnFailsStartupSayingWhy() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("native_app", "native-secret");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("lakebase.host", emulator.endpoint().host());
		properties.put("lakebase.port", Integer.toString(emulator.endpoint().port()));
		properties.put("lakebase.username", "native_app");
		properties.put("lakebase.password", "native-secret");
		assertThatException().isThrownBy(() -> start(properties).close())
			.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex))
				.contains("logs in with a native Postgres password, which has no users to act for"));
	}

	@Test
	void noThreadIsNamedForAUser() throws Exception {
		assertThat(get("/notes", tokens.get(7), users.get(7).roleName()).statusCode()).isEqualTo(200);
		assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch((name) -> name.contains("@example.com"));
	}

	private static HttpResponse<String> get(String path, String token, String email) throws Exception {
		return get(app, path, token, email);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path, String token,
			String email) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("X-Forwarded-Access-Token", token);
		}
		if (email != null) {
			request.header("X-Forwarded-Email", email);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private record Callable(int user) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class })
	@EnableAsync
	@Import({ NotesController.class, NotesService.class, AsyncWork.class })
	static class NotesApp {

		@Bean
		InMemoryHttpExchangeRepository httpExchanges() {
			return new InMemoryHttpExchangeRepository();
		}

	}

	@RestController
	static class NotesController {

		private final AtomicInteger invocations = new AtomicInteger();

		@Autowired
		NotesService notes;

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		LakebaseUsers users;

		@Autowired
		AsyncWork async;

		@Autowired
		@Qualifier("applicationTaskExecutor")
		Executor taskExecutor;

		@GetMapping("/notes")
		@AsUser
		String notes() {
			this.invocations.incrementAndGet();
			return this.notes.read();
		}

		public int invocations() {
			return this.invocations.get();
		}

		@GetMapping("/app")
		String app() {
			return this.jdbc.queryForObject("SELECT current_user", String.class);
		}

		@GetMapping("/async-user")
		String asyncUser() throws Exception {
			return this.users.asUser(() -> this.async.currentUser()).get();
		}

		/**
		 * Work handed to a thread the starter cannot tell about, to the application's
		 * task executor, and to another thread explicitly as the app.
		 */
		@GetMapping("/handed-off")
		@AsUser
		String handedOff() throws Exception {
			CompletableFuture<String> raw = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					raw.complete(currentUser());
				}
				catch (RuntimeException ex) {
					raw.completeExceptionally(ex);
				}
			});
			thread.start();
			return String.join("|", outcome(CompletableFuture.supplyAsync(this::currentUser)), outcome(raw),
					outcome(CompletableFuture.supplyAsync(this::currentUser, this.taskExecutor)),
					outcome(CompletableFuture.supplyAsync(() -> this.users.asApp(this::currentUser))));
		}

		@GetMapping("/audit")
		@AsUser
		String audit() throws Exception {
			String asApp = this.users.asApp(this::currentUser);
			String inTransaction;
			try {
				inTransaction = this.notes.asAppInsideTransaction();
			}
			catch (IllegalStateException ex) {
				inTransaction = ex.getClass().getSimpleName();
			}
			return String.join("|", asApp, currentUser(), inTransaction);
		}

		private String currentUser() {
			return this.jdbc.queryForObject("SELECT current_user", String.class);
		}

		private static String outcome(CompletableFuture<String> result) throws Exception {
			try {
				return result.get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				Throwable cause = ex;
				while (cause.getCause() != null) {
					cause = cause.getCause();
				}
				return cause.getClass().getSimpleName();
			}
		}

		@GetMapping("/app-read-only")
		String appReadOnly() {
			return this.notes.currentUserReadOnly();
		}

		@GetMapping("/inside-app-transaction")
		String insideAppTransaction() {
			return this.notes.userScopeInsideTransaction();
		}

	}

	@Service
	static class NotesService {

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		LakebaseUsers users;

		@Transactional(readOnly = true)
		public String read() {
			String user = this.jdbc.queryForObject("SELECT current_user", String.class);
			List<String> bodies = this.jdbc.queryForList("SELECT body FROM user_note ORDER BY body", String.class);
			return user + "|" + String.join(",", bodies);
		}

		@Transactional(readOnly = true)
		public String currentUserReadOnly() {
			return this.jdbc.queryForObject("SELECT current_user", String.class);
		}

		@Transactional
		public String asAppInsideTransaction() {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			return this.users.asApp(() -> this.jdbc.queryForObject("SELECT current_user", String.class));
		}

		@Transactional
		public String userScopeInsideTransaction() {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			return this.users.asUser(() -> this.jdbc.queryForObject("SELECT current_user", String.class));
		}

	}

	@Service
	static class AsyncWork {

		@Autowired
		JdbcTemplate jdbc;

		@Async
		public CompletableFuture<String> currentUser() {
			return CompletableFuture.completedFuture(this.jdbc.queryForObject("SELECT current_user", String.class));
		}

	}

}
