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

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link LakebaseConnectionDetails} bean: used as it is, with no
 * workspace lookup of the host or the endpoint, minting credentials for the endpoint it
 * names, or logging in with its native password and no workspace at all.
 */
class LakebaseConnectionDetailsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	/** Where finding an endpoint by its host starts: the list of projects. */
	private static final String PROJECTS = "/api/2.0/postgres/projects";

	@Test
	void anApplicationsOwnDetailsAreUsedAsTheyAreAndCredentialsAreMintedForTheirEndpoint() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		String role = emulator.identities().servicePrincipal().roleName();
		Map<String, String> environment = emulator.environment();
		Details own = new Details(endpoint.host(), endpoint.port(), endpoint.path(), role, null);
		int mints = emulator.tokens().mintCount(endpoint);
		int listings = emulator.workspace().requests(PROJECTS);
		LakebaseTestSupport.runner()
			.withPropertyValues("lakebase.databricks.host=" + environment.get("DATABRICKS_HOST"),
					"lakebase.databricks.client-id=" + environment.get("DATABRICKS_CLIENT_ID"),
					"lakebase.databricks.client-secret=" + environment.get("DATABRICKS_CLIENT_SECRET"))
			.withBean(LakebaseConnectionDetails.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LakebaseConnectionDetails.class)).isSameAs(own);
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
					.isEqualTo(role);
				assertThat(context.getBean(HikariDataSource.class).getPoolName()).isEqualTo("lakebase");
				assertThat(emulator.tokens().mintCount(endpoint) - mints).as("mints for the endpoint").isOne();
			});
		assertThat(emulator.workspace().requests(PROJECTS)).as("lookups of the endpoint by its host")
			.isEqualTo(listings);
	}

	@Test
	void ownDetailsWithANativePasswordNeedNoWorkspace() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("details_native", "secret-1");
		EmulatedEndpoint endpoint = emulator.endpoint();
		int requests = emulator.workspace().requests();
		LakebaseTestSupport.runner()
			.withBean(LakebaseConnectionDetails.class,
					() -> new Details(endpoint.host(), endpoint.port(), null, "details_native", "secret-1"))
			.run((context) -> assertThat(
					context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
				.isEqualTo("details_native"));
		assertThat(emulator.workspace().requests()).as("workspace requests").isEqualTo(requests);
	}

	@Test
	void ownDetailsWithoutADirectHostFailWithThePoolerSayingWhatToReturn() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint endpoint = emulator.endpoint();
		Map<String, String> environment = emulator.environment();
		LakebaseTestSupport.runner()
			.withPropertyValues("lakebase.pooler.enabled=true",
					"lakebase.databricks.host=" + environment.get("DATABRICKS_HOST"),
					"lakebase.databricks.client-id=" + environment.get("DATABRICKS_CLIENT_ID"),
					"lakebase.databricks.client-secret=" + environment.get("DATABRICKS_CLIENT_SECRET"))
			.withBean(LakebaseConnectionDetails.class,
					() -> new Details(endpoint.host(), endpoint.port(), endpoint.path(),
							emulator.identities().servicePrincipal().roleName(), null))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.pooler.enabled is true, but the LakebaseConnectionDetails bean")
				.hasMessageContaining("names no direct host"));
	}

	@Test
	void ownDetailsThatNameNoTargetFailSayingWhatToReturn() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		LakebaseTestSupport.runner()
			.withBean(LakebaseConnectionDetails.class,
					() -> new Details(endpoint.host(), endpoint.port(), null, "someone", null))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("names no endpoint, instance or password"));
	}

	@Test
	void ownDetailsBesideTheApplicationsOwnDataSourceLeaveTheStarterAside() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		LakebaseTestSupport.runner()
			.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class,
					LakebaseMetricsAutoConfiguration.class))
			.withUserConfiguration(LakebaseDataSourceAutoConfigurationTests.UserDataSource.class)
			.withBean(LakebaseConnectionDetails.class,
					() -> new Details(endpoint.host(), endpoint.port(), endpoint.path(), "someone", null))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CredentialCache.class)
				.doesNotHaveBean("lakebaseHealthIndicator"));
	}

	private record Details(String host, int port, @Nullable String endpoint, String username,
			@Nullable String password) implements LakebaseConnectionDetails {

		@Override
		public String getHost() {
			return this.host;
		}

		@Override
		public int getPort() {
			return this.port;
		}

		@Override
		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

	}

}
