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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.jdbc.CredentialSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * {@link WorkspaceCredentialSources} against the emulator's workspace: an Autoscaling
 * endpoint's credential with the lifetime asked for, a Provisioned instance's, and a
 * refusal put into words with what to do.
 */
class WorkspaceCredentialSourcesIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().provisionedInstance("orders-instance"));

	@Test
	void anAutoscalingEndpointsCredentialLivesAsLongAsAskedFor() {
		LakebaseEmulator emulator = lakebase.emulator();
		String endpoint = emulator.endpoint().path();
		CredentialSource source = WorkspaceCredentialSources.autoscaling(
				() -> client(emulator.identities().servicePrincipal()), endpoint, Duration.ofMinutes(10),
				Clock.systemUTC());
		Instant before = Instant.now();
		MintedCredential credential = source.mint();
		assertThat(credential.token()).isNotBlank();
		assertThat(credential.expiresAt()).isBetween(before.plus(Duration.ofMinutes(9)),
				Instant.now().plus(Duration.ofMinutes(11)));
		assertThat(source.target()).isEqualTo("endpoint " + endpoint);
		assertThat(source.kind()).isEqualTo("autoscaling");
		assertThat(emulator.tokens().mintCount(emulator.endpoint())).isPositive();
	}

	@Test
	void aProvisionedInstancesCredentialIsMintedForIt() {
		LakebaseEmulator emulator = lakebase.emulator();
		int before = emulator.tokens().mintCount(emulator.instance("orders-instance"));
		CredentialSource source = WorkspaceCredentialSources
			.provisioned(() -> client(emulator.identities().servicePrincipal()), "orders-instance", Clock.systemUTC());
		MintedCredential credential = source.mint();
		assertThat(credential.expiresAt()).isAfter(Instant.now());
		assertThat(source.target()).isEqualTo("instance orders-instance");
		assertThat(source.kind()).isEqualTo("provisioned");
		assertThat(emulator.tokens().mintCount(emulator.instance("orders-instance"))).isEqualTo(before + 1);
	}

	@Test
	void aRefusalIsPutIntoWordsWithWhatToDo() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity denied = emulator.identities().addServicePrincipal(true);
		denied.setCredentialPermission(false);
		CredentialSource source = WorkspaceCredentialSources.autoscaling(() -> client(denied),
				emulator.endpoint().path(), null, Clock.systemUTC());
		assertThatRuntimeException().isThrownBy(source::mint).satisfies((ex) -> {
			assertThat(source.describe(ex)).startsWith("HTTP 403 PERMISSION_DENIED: ");
			assertThat(source.action(ex)).contains("Grant the identity permission");
		});
	}

	private static WorkspaceClient client(EmulatedIdentity identity) {
		return WorkspaceClientFactory.create(new WorkspaceClientFactory.Settings(lakebase.emulator().workspace().url(),
				identity.clientId(), identity.clientSecret(), null, null, null));
	}

}
