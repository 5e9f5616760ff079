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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.database.DatabaseAPI;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.ListBranchesRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import com.databricks.sdk.service.postgres.ListProjectsRequest;
import com.databricks.sdk.service.postgres.PostgresAPI;
import com.databricks.sdk.service.postgres.Project;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

/**
 * What the starter's start-up spends on the Databricks SDK in a fresh JVM, step by step,
 * with the calls the starter makes on Databricks Apps (one measurement per fork): the
 * configuration object, {@code resolve()} (the SDK's HTTP client and the workspace's host
 * metadata), the OAuth token, the SDK client (the starter sets up the three services it
 * calls on one {@link ApiClient}, not every service of a {@code WorkspaceClient}),
 * finding the endpoint by its host (listing projects, branches and endpoints, which also
 * report the endpoint's suspend timeout) and minting the first credential, and the CPU
 * time the thread used for all of it. The emulator runs in a JVM of its own
 * ({@link EmulatorProcess}). Each run appends its steps to the file named by
 * {@code benchmark.breakdown}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class SdkFirstUseBenchmark {

	private EmulatorProcess emulator;

	@Setup(Level.Iteration)
	public void start() {
		this.emulator = EmulatorProcess.start();
		// An application has set up its logging before the starter's first SDK call;
		// the SDK's first log statement must not set it up inside the measurement.
		LoggerFactory.getLogger(DatabricksConfig.class).isDebugEnabled();
	}

	@TearDown(Level.Iteration)
	public void stop() {
		this.emulator.close();
	}

	@Benchmark
	public String sdkFirstUse() {
		Map<String, Object> environment = this.emulator.appsEnvironment();
		String host = (String) environment.get("PGHOST");
		StartupBenchmark.Cpu before = StartupBenchmark.Cpu.now();
		long started = System.nanoTime();
		DatabricksConfig config = appsConfig(environment);
		long configured = System.nanoTime();
		config.resolve();
		long resolved = System.nanoTime();
		config.authenticate();
		long authenticated = System.nanoTime();
		ApiClient client = new ApiClient(config);
		PostgresAPI postgres = new PostgresAPI(client);
		DatabaseAPI database = new DatabaseAPI(client);
		CurrentUserAPI currentUser = new CurrentUserAPI(client);
		long built = System.nanoTime();
		String found = endpointByHost(postgres, host);
		long listed = System.nanoTime();
		String token = postgres.generateDatabaseCredential(new GenerateDatabaseCredentialRequest().setEndpoint(found))
			.getToken();
		long minted = System.nanoTime();
		long cpu = StartupBenchmark.Cpu.now().since(before).thread();
		StartupBenchmark.record("sdk", configured - started, resolved - configured, authenticated - resolved,
				built - authenticated, listed - built, minted - listed, minted - started, cpu);
		return (token != null && database != null && currentUser != null) ? found : null;
	}

	/**
	 * The same calls, with what {@code resolve()} builds on set up first, one part at a
	 * time, so that each part's cost in a fresh JVM shows on its own: the JDK's default
	 * SSL context (trust store), the Apache HttpClient the SDK's client is built on (its
	 * pooling connection manager, which sets up TLS and the public suffix list),
	 * Jackson's first mapper and read, and the SDK's own mapper (its Java time, Guava,
	 * JDK 8 and protobuf modules). What is left for {@code resolve()} and the OAuth token
	 * is the SDK's configuration, its credential providers and three requests.
	 * @return the endpoint found
	 * @throws Exception if a part fails
	 */
	@Benchmark
	public String sdkFirstUseByPart() throws Exception {
		Map<String, Object> environment = this.emulator.appsEnvironment();
		StartupBenchmark.Cpu before = StartupBenchmark.Cpu.now();
		long started = System.nanoTime();
		SSLContext.getDefault();
		long ssl = System.nanoTime();
		HttpClientBuilder.create().setConnectionManager(new PoolingHttpClientConnectionManager()).build().close();
		long apache = System.nanoTime();
		new ObjectMapper().readValue("{\"oidc_endpoint\": \"x\", \"scopes\": [\"all-apis\"]}", Map.class);
		long jackson = System.nanoTime();
		SerDeUtils.createMapper();
		long sdkMapper = System.nanoTime();
		DatabricksConfig config = appsConfig(environment);
		config.resolve();
		config.authenticate();
		long authenticated = System.nanoTime();
		PostgresAPI postgres = new PostgresAPI(new ApiClient(config));
		String found = endpointByHost(postgres, (String) environment.get("PGHOST"));
		postgres.generateDatabaseCredential(new GenerateDatabaseCredentialRequest().setEndpoint(found));
		long minted = System.nanoTime();
		long cpu = StartupBenchmark.Cpu.now().since(before).thread();
		StartupBenchmark.record("sdkParts", ssl - started, apache - ssl, jackson - apache, sdkMapper - jackson,
				authenticated - sdkMapper, minted - authenticated, minted - started, cpu);
		return found;
	}

	/**
	 * The SDK's configuration on the variables of Databricks Apps (workspace host and the
	 * service principal's OAuth client), not resolved yet.
	 * @param environment the variables
	 * @return the configuration
	 */
	static DatabricksConfig appsConfig(Map<String, ?> environment) {
		return new DatabricksConfig().setHost((String) environment.get("DATABRICKS_HOST"))
			.setClientId((String) environment.get("DATABRICKS_CLIENT_ID"))
			.setClientSecret((String) environment.get("DATABRICKS_CLIENT_SECRET"));
	}

	/**
	 * Find the endpoint that serves a host as the starter does on Databricks Apps: every
	 * project, its branches, their endpoints.
	 * @param postgres the SDK's Postgres service
	 * @param host the host ({@code PGHOST})
	 * @return the endpoint's resource path, or {@code null}
	 */
	static String endpointByHost(PostgresAPI postgres, String host) {
		String found = null;
		for (Project project : postgres.listProjects(new ListProjectsRequest())) {
			for (Branch branch : postgres.listBranches(new ListBranchesRequest().setParent(project.getName()))) {
				for (Endpoint endpoint : postgres
					.listEndpoints(new ListEndpointsRequest().setParent(branch.getName()))) {
					if (host.equalsIgnoreCase(endpoint.getStatus().getHosts().getHost())) {
						found = endpoint.getName();
					}
				}
			}
		}
		return found;
	}

}
