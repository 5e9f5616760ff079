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

import java.time.Duration;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorBuilder;
import dev.lakebase.spring.test.WakeMode;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.MergedAnnotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LakebaseEmulatorRegistrar#settings}: what {@link ImportLakebaseEmulator} says
 * reaches the emulator it builds, and an attribute the builder refuses fails naming
 * itself. Nothing is started; starting one per context is in
 * {@link ImportLakebaseEmulatorIntegrationTests}.
 */
class LakebaseEmulatorRegistrarTests {

	@Test
	void theDefaultsAreAnEndpointThatHoldsConnectsWhileItWakes() {
		LakebaseEmulator emulator = settings(Defaults.class).build();
		assertThat(emulator.endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.wakeMode()).isEqualTo(WakeMode.HOLD);
			assertThat(endpoint.wakeDelay()).isEqualTo(Duration.ofMillis(300));
			assertThat(endpoint.autoSuspendAfter()).isNull();
		});
	}

	@Test
	void theAnnotationsSettingsReachTheEndpoints() {
		LakebaseEmulator emulator = settings(Configured.class).build();
		assertThat(emulator.endpoints()).extracting(EmulatedEndpoint::path)
			.containsExactly("projects/emulator/branches/production/endpoints/primary",
					"projects/emulator/branches/production/endpoints/read-only",
					"projects/emulator/branches/feature-a/endpoints/primary",
					"projects/emulator/branches/feature-b/endpoints/primary");
		assertThat(emulator.endpoints()).allSatisfy((endpoint) -> {
			assertThat(endpoint.wakeMode()).isEqualTo(WakeMode.REFUSE);
			assertThat(endpoint.wakeDelay()).isEqualTo(Duration.ofSeconds(2));
			assertThat(endpoint.autoSuspendAfter()).isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void aSettingTheBuilderRefusesFailsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(TooFewConnections.class))
			.withMessageContaining("maxConnections must be between 5 and");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(InvalidBranch.class))
			.withMessageContaining("'Feature' is not a valid resource id");
	}

	private static LakebaseEmulatorBuilder settings(Class<?> annotated) {
		return LakebaseEmulatorRegistrar.settings(MergedAnnotations.from(annotated).get(ImportLakebaseEmulator.class));
	}

	@ImportLakebaseEmulator
	static class Defaults {

	}

	@ImportLakebaseEmulator(wakeMode = WakeMode.REFUSE, wakeDelay = "2s", autoSuspendAfter = "1m",
			branches = { "feature-a", "feature-b" }, readOnlyEndpoint = true)
	static class Configured {

	}

	@ImportLakebaseEmulator(maxConnections = 4)
	static class TooFewConnections {

	}

	@ImportLakebaseEmulator(branches = "Feature")
	static class InvalidBranch {

	}

}
