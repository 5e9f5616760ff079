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

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension with its defaults hands a running emulator to test methods.
 */
@ExtendWith(LakebaseEmulatorExtension.class)
class LakebaseEmulatorExtensionIntegrationTests {

	@Test
	void injectsRunningEmulator(LakebaseEmulator emulator) throws Exception {
		assertThat(emulator.endpoint().state()).isEqualTo(EndpointState.ACTIVE);
		EmulatedIdentity app = emulator.identities().servicePrincipal();
		try (Connection connection = Sdk.connect(emulator, emulator.endpoint(), app.roleName(),
				Sdk.mint(Sdk.m2m(emulator, app), emulator.endpoint()))) {
			assertThat(Sdk.queryString(connection, "SELECT current_user")).isEqualTo(app.clientId());
		}
	}

	@Test
	void sameEmulatorForEveryMethodOfClass(LakebaseEmulator first, LakebaseEmulator second) {
		assertThat(first).isSameAs(second);
	}

}
