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

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The unmodified Databricks SDK mints credentials from the emulator and pgjdbc logs in
 * with them.
 */
class LakebaseEmulatorSdkIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("legacy-instance").readOnlyEndpoint());

	@Test
	void servicePrincipalMintsAutoscalingCredentialOverM2mAndLogsIn() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		WorkspaceClient workspace = Sdk.m2m(emulator, app);
		DatabaseCredential credential = workspace.postgres()
			.generateDatabaseCredential(
					new GenerateDatabaseCredentialRequest().setEndpoint(emulator.endpoint().path()));
		assertThat(credential.getToken()).isNotBlank();
		Instant expiry = Instant.ofEpochSecond(credential.getExpireTime().getSeconds());
		assertThat(expiry).isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plusSeconds(3601));
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(), app.roleName(),
				credential.getToken())) {
			assertThat(Sdk.queryString(connection, "SELECT current_user")).isEqualTo(app.roleName());
			assertThat(Sdk.queryString(connection, "SELECT current_database()"))
				.isEqualTo(LakebaseEmulator.DEFAULT_DATABASE);
			assertThat(Sdk.queryString(connection, "SHOW server_version")).startsWith("17.");
			assertThat(Sdk.queryString(connection, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
				.as("the front terminates TLS; PostgreSQL sees the Unix socket")
				.isEqualTo("false");
		}
		assertThat(emulator.tokens().mintCount(app)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void answersRequestsOnAKeptAliveConnectionWithoutHoldingThemBack() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		GetEndpointRequest read = new GetEndpointRequest().setName(emulator.endpoint().path());
		for (int i = 0; i < 5; i++) {
			workspace.postgres().getEndpoint(read);
		}
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			long started = System.nanoTime();
			workspace.postgres().getEndpoint(read);
			nanos.add(System.nanoTime() - started);
		}
		Collections.sort(nanos);
		assertThat(Duration.ofNanos(nanos.get(10)))
			.as("median of 21 reads on one connection; with Nagle's algorithm against the client's delayed "
					+ "acknowledgement each read took about 40 ms")
			.isLessThan(Duration.ofMillis(20));
		assertThat(System.getProperty("sun.net.httpserver.nodelay"))
			.as("the emulator sets the JDK's property only while it creates its server")
			.isNull();
	}

	@Test
	void userMintsAutoscalingCredentialOverPatAndLogsIn() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity developer = emulator.identities().user();
		String token = Sdk.mint(Sdk.pat(emulator, developer), emulator.endpoint());
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(), developer.roleName(), token)) {
			assertThat(Sdk.queryString(connection, "SELECT current_user")).isEqualTo("developer@example.com");
		}
	}

	@Test
	void provisionedCredentialOverM2mAndPatLogsInToInstance() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint instance = emulator.instance("legacy-instance");
		int before = emulator.tokens().mintCount(instance);
		String appToken = Sdk.mintForInstance(Sdk.m2m(emulator, emulator.identities().servicePrincipal()),
				"legacy-instance");
		String userToken = Sdk.mintForInstance(Sdk.pat(emulator, emulator.identities().user()), "legacy-instance");
		try (Connection app = Sdk.connect(emulator, instance, emulator.identities().servicePrincipal().roleName(),
				appToken);
				Connection user = Sdk.connect(emulator, instance, emulator.identities().user().roleName(), userToken)) {
			assertThat(Sdk.queryString(app, "SELECT current_user"))
				.isEqualTo(emulator.identities().servicePrincipal().roleName());
			assertThat(Sdk.queryString(user, "SELECT current_user")).isEqualTo(emulator.identities().user().roleName());
		}
		assertThat(emulator.tokens().mintCount(instance)).isEqualTo(before + 2);
	}

	@Test
	void wrongClientSecretFailsWithSdkAuthError() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setAuthType("oauth-m2m")
			.setClientId(emulator.identities().servicePrincipal().clientId())
			.setClientSecret("not-the-secret"));
		assertThatExceptionOfType(DatabricksException.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("invalid_client"));
	}

	@Test
	void wrongPersonalAccessTokenIsUnauthenticated() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = new WorkspaceClient(
				new DatabricksConfig().setHost(emulator.workspace().url()).setAuthType("pat").setToken("dapi-wrong"));
		assertThatExceptionOfType(Unauthenticated.class).isThrownBy(() -> Sdk.mint(workspace, emulator.endpoint()));
	}

	@Test
	void unknownEndpointAndInstanceAreNotFound() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		assertThatExceptionOfType(NotFound.class)
			.isThrownBy(() -> workspace.postgres()
				.generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
					.setEndpoint("projects/emulator/branches/production/endpoints/missing")))
			.withMessageContaining("missing");
		assertThatExceptionOfType(NotFound.class).isThrownBy(() -> Sdk.mintForInstance(workspace, "no-such-instance"));
		assertThatExceptionOfType(NotFound.class).as("an Autoscaling endpoint path is not a Provisioned instance")
			.isThrownBy(() -> Sdk.mintForInstance(workspace, emulator.endpoint().path()));
	}

	@Test
	void anEndpointThatNeverSuspendsSaysSoAndReportsNoTimeout() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		EmulatedEndpoint primary = emulator.endpoint();
		primary.setNoSuspension(true);
		try {
			Endpoint endpoint = workspace.postgres().getEndpoint(new GetEndpointRequest().setName(primary.path()));
			assertThat(endpoint.getSpec().getNoSuspension()).isTrue();
			assertThat(endpoint.getSpec().getSuspendTimeoutDuration()).isNull();
			assertThat(endpoint.getStatus().getSuspendTimeoutDuration()).isNull();
		}
		finally {
			primary.setNoSuspension(false);
		}
		Endpoint endpoint = workspace.postgres().getEndpoint(new GetEndpointRequest().setName(primary.path()));
		assertThat(endpoint.getSpec().getNoSuspension()).isNull();
		assertThat(endpoint.getSpec().getSuspendTimeoutDuration().getSeconds()).isEqualTo(300);
	}

	@Test
	void endpointResourceCarriesHostsStateTypeAndSuspendTimeout() {
		LakebaseEmulator emulator = lakebase.emulator();
		WorkspaceClient workspace = Sdk.m2m(emulator, emulator.identities().servicePrincipal());
		Endpoint endpoint = workspace.postgres()
			.getEndpoint(new GetEndpointRequest().setName(emulator.endpoint().path()));
		assertThat(endpoint.getName()).isEqualTo("projects/emulator/branches/production/endpoints/primary");
		assertThat(endpoint.getStatus().getHosts().getHost()).isEqualTo(emulator.endpoint().host());
		assertThat(endpoint.getStatus().getHosts().getReadOnlyHost()).as("no readable secondaries").isNull();
		assertThat(endpoint.getStatus().getHosts().getReadWritePooledHost())
			.isEqualTo(emulator.endpoint().pooledHost());
		assertThat(endpoint.getStatus().getAutoscalingLimitMaxCu()).isEqualTo(0.5);
		assertThat(endpoint.getStatus().getCurrentState()).isEqualTo(EndpointStatusState.ACTIVE);
		assertThat(endpoint.getSpec().getEndpointType()).isEqualTo(EndpointType.ENDPOINT_TYPE_READ_WRITE);
		assertThat(endpoint.getSpec().getSuspendTimeoutDuration().getSeconds()).isEqualTo(300);
		Iterable<Endpoint> listed = workspace.postgres()
			.listEndpoints(
					new ListEndpointsRequest().setParent("projects/emulator/branches/production").setPageSize(1L));
		assertThat(listed).extracting(Endpoint::getName)
			.containsExactly("projects/emulator/branches/production/endpoints/primary",
					"projects/emulator/branches/production/endpoints/read-only");
		assertThat(workspace.database()
			.getDatabaseInstance(
					new com.databricks.sdk.service.database.GetDatabaseInstanceRequest().setName("legacy-instance"))
			.getReadWriteDns()).isEqualTo(emulator.instance("legacy-instance").host());
		assertThat(workspace.currentUser().me(new com.databricks.sdk.service.iam.MeRequest()).getUserName())
			.isEqualTo(emulator.identities().servicePrincipal().clientId());
	}

	@Test
	void readOnlyEndpointRefusesWrites() throws SQLException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		String token = Sdk.mint(Sdk.m2m(emulator, app), emulator.readOnlyEndpoint());
		try (Connection connection = Sdk.connect(emulator, emulator.readOnlyEndpoint(), app.roleName(), token)) {
			assertThat(Sdk.queryString(connection, "SHOW default_transaction_read_only")).isEqualTo("on");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> connection.createStatement().execute("CREATE TABLE nope (id int)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25006"));
		}
	}

}
