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

package dev.lakebase.spring.test.context;

import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.autoconfigure.LakebaseWorkspaceDetails;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmulatorDetails}: the connection and workspace details an emulator gives an
 * application, as Databricks Apps give them: its primary endpoint, directly or through
 * its pooler (then with the direct host beside it), as its service principal, whose
 * secret is not printed.
 */
class EmulatorDetailsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void theConnectionIsThePrimaryEndpointsDirectHost() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseConnectionDetails details = EmulatorDetails.connection(emulator, false);
		assertThat(details.getHost()).isEqualTo(emulator.endpoint().host());
		assertThat(details.getDirectHost()).isNull();
		assertThat(details.getPort()).isEqualTo(emulator.endpoint().port());
		assertThat(details.getDatabase()).isEqualTo(LakebaseEmulator.DEFAULT_DATABASE);
		assertThat(details.getUsername()).isEqualTo(emulator.identities().servicePrincipal().roleName());
		assertThat(details.getSslMode()).isEqualTo("require");
		assertThat(details.getEndpoint()).isEqualTo(emulator.endpoint().path());
		assertThat(details.getInstanceName()).isNull();
		assertThat(details.getPassword()).isNull();
	}

	@Test
	void throughThePoolerTheDirectHostIsKeptBeside() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseConnectionDetails details = EmulatorDetails.connection(emulator, true);
		assertThat(details.getHost()).isEqualTo(emulator.endpoint().pooledHost());
		assertThat(details.getDirectHost()).isEqualTo(emulator.endpoint().host());
	}

	@Test
	void theWorkspaceIsTheEmulatorsAsItsServicePrincipal() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		LakebaseWorkspaceDetails details = EmulatorDetails.workspace(emulator);
		assertThat(details.getHost()).isEqualTo(emulator.workspace().url());
		assertThat(details.getClientId()).isEqualTo(app.clientId());
		assertThat(details.getClientSecret()).isEqualTo(app.clientSecret());
		assertThat(details.getToken()).isNull();
		assertThat(details.toString()).contains(app.clientId()).doesNotContain(app.clientSecret());
	}

}
