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

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The checks of connection values before anything connects: each failure names where the
 * value came from and the accepted form.
 */
class ConnectionValidationTests {

	@Test
	void aValueComesFromThePropertyElseTheVariableAndSaysWhich() {
		MockEnvironment environment = new MockEnvironment().withProperty("PGPORT", " 6543 ");
		ConnectionValue port = ConnectionValue.of(null, "lakebase.port", environment, "PGPORT");
		assertThat(port).isEqualTo(new ConnectionValue("6543", "PGPORT"));
		assertThat(ConnectionValue.of("5433", "lakebase.port", environment, "PGPORT").source())
			.isEqualTo("lakebase.port");
		assertThat(ConnectionValue.of(" ", "lakebase.host", new MockEnvironment(), "PGHOST"))
			.isEqualTo(new ConnectionValue(null, "lakebase.host (or PGHOST)"));
	}

	@Test
	void endpointPathsAndIdsFollowTheResourceNameRules() {
		assertThat(ConnectionValidation.endpointPath(
				new ConnectionValue("projects/p-1/branches/feature-x/endpoints/primary", "lakebase.endpoint")))
			.isEqualTo("projects/p-1/branches/feature-x/endpoints/primary");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> ConnectionValidation
				.endpointPath(new ConnectionValue("projects/p/endpoints/e", "LAKEBASE_ENDPOINT")))
			.withMessage("Invalid Lakebase configuration: LAKEBASE_ENDPOINT is 'projects/p/endpoints/e'.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("projects/{project}/branches/{branch}"));
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> ConnectionValidation.resourceId(new ConnectionValue("Feature_X", "lakebase.branch"),
					"a branch id"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("lowercase letters"));
	}

	@Test
	void hostsArePlainNamesAndPortsInRange() {
		assertThat(ConnectionValidation.host(new ConnectionValue("ep-1.database.example.com", "PGHOST")))
			.isEqualTo("ep-1.database.example.com");
		for (String host : new String[] { "https://ep-1.example.com", "ep-1.example.com/db", "ep 1", "-ep" }) {
			assertThatExceptionOfType(LakebaseConfigurationException.class).as(host)
				.isThrownBy(() -> ConnectionValidation.host(new ConnectionValue(host, "lakebase.host")));
		}
		assertThat(ConnectionValidation.port(new ConnectionValue(null, "lakebase.port"))).isEqualTo(5432);
		assertThat(ConnectionValidation.port(new ConnectionValue("65535", "PGPORT"))).isEqualTo(65535);
		for (String port : new String[] { "0", "70000", "five" }) {
			assertThatExceptionOfType(LakebaseConfigurationException.class).as(port)
				.isThrownBy(() -> ConnectionValidation.port(new ConnectionValue(port, "PGPORT")))
				.withMessageContaining("PGPORT is '" + port + "'");
		}
	}

	@Test
	void weakSslModesPassOnlyForLoopbackHosts() {
		assertThat(ConnectionValidation.sslMode(new ConnectionValue(null, "lakebase.ssl-mode"), "ep.example.com"))
			.isEqualTo("require");
		assertThat(ConnectionValidation.sslMode(new ConnectionValue("disable", "PGSSLMODE"), "127.0.0.1"))
			.isEqualTo("disable");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(
					() -> ConnectionValidation.sslMode(new ConnectionValue("prefer", "PGSSLMODE"), "ep.example.com"))
			.withMessageContaining("go unencrypted");
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> ConnectionValidation.sslMode(new ConnectionValue("required", "lakebase.ssl-mode"),
					"ep.example.com"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("verify-full"));
	}

}
