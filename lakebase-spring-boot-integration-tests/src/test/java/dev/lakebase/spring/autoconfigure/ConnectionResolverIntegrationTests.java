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

import java.util.Map;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.function.SingletonSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the connection comes from, per value: a property, else the variable, else the
 * workspace, against the emulator's workspace.
 */
class ConnectionResolverIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("orders-instance"));

	@Test
	void anEndpointPathAloneGetsItsHostAndTheIdentitysOwnNameFromTheWorkspace() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		ResolvedConnection connection = resolve(workspaceOnly().withProperty("LAKEBASE_ENDPOINT", endpoint.path()));
		assertThat(connection.host()).isEqualTo(endpoint.host());
		assertThat(connection.target().kind()).isEqualTo(ResolvedConnection.Kind.AUTOSCALING_ENDPOINT);
		assertThat(connection.target().name()).isEqualTo(endpoint.path());
		assertThat(connection.username()).isEqualTo(lakebase.emulator().identities().servicePrincipal().roleName());
		assertThat(connection.database()).isEqualTo("databricks_postgres");
		assertThat(connection.sslMode()).isEqualTo("require");
	}

	@Test
	void aHostAloneIsTheEndpointThatHasIt() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		ResolvedConnection connection = resolve(
				workspaceOnly().withProperty("PGHOST", endpoint.host()).withProperty("PGUSER", "app-user"));
		assertThat(connection.target().name()).isEqualTo(endpoint.path());
		assertThat(connection.username()).isEqualTo("app-user");
	}

	@Test
	void anInstanceNameGetsTheInstancesHost() {
		EmulatedEndpoint instance = lakebase.emulator().instance("orders-instance");
		ResolvedConnection connection = resolve(
				workspaceOnly().withProperty("lakebase.instance-name", "orders-instance"));
		assertThat(connection.target().kind()).isEqualTo(ResolvedConnection.Kind.PROVISIONED_INSTANCE);
		assertThat(connection.host()).isEqualTo(instance.host());
	}

	@Test
	void aPropertyWinsOverTheVariableOfTheSameValue() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		ResolvedConnection connection = resolve(workspaceOnly().withProperty("LAKEBASE_ENDPOINT", endpoint.path())
			.withProperty("PGHOST", "ignored.example.com")
			.withProperty("lakebase.host", endpoint.host())
			.withProperty("PGPORT", "6543")
			.withProperty("lakebase.port", Integer.toString(endpoint.port()))
			.withProperty("PGDATABASE", "elsewhere")
			.withProperty("lakebase.database", "notes"));
		assertThat(connection.host()).isEqualTo(endpoint.host());
		assertThat(connection.port()).isEqualTo(endpoint.port());
		assertThat(connection.database()).isEqualTo("notes");
	}

	@Test
	void aNativePasswordNeedsNoWorkspaceAndNothingConfiguredSaysWhatToSet() {
		int requests = lakebase.emulator().workspace().requests();
		ResolvedConnection connection = resolve(new MockEnvironment().withProperty("PGHOST", "127.0.0.1")
			.withProperty("PGUSER", "native_user")
			.withProperty("PGPASSWORD", "secret"));
		assertThat(connection.target().kind()).isEqualTo(ResolvedConnection.Kind.NATIVE_PASSWORD);
		assertThat(connection.toString()).doesNotContain("secret");
		assertThat(lakebase.emulator().workspace().requests()).isEqualTo(requests);
		assertThatExceptionOfType(LakebaseConfigurationException.class).isThrownBy(() -> resolve(new MockEnvironment()))
			.withMessage("No Lakebase connection is configured.");
	}

	/**
	 * The workspace settings of the emulator's service principal, and nothing that names
	 * a connection.
	 */
	private static MockEnvironment workspaceOnly() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		Map<String, String> environment = emulator.environment(app, emulator.endpoint());
		MockEnvironment mock = new MockEnvironment();
		for (String name : new String[] { "DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET" }) {
			mock.setProperty(name, environment.get(name));
		}
		return mock;
	}

	private static ResolvedConnection resolve(MockEnvironment environment) {
		LakebaseProperties properties = Binder.get(environment).bindOrCreate("lakebase", LakebaseProperties.class);
		Supplier<WorkspaceClient> workspace = SingletonSupplier
			.of(() -> WorkspaceClientFactory.create(properties.getDatabricks().settings(environment)));
		return new ConnectionResolver(properties.connectionSettings(), environment, workspace).resolve();
	}

}
