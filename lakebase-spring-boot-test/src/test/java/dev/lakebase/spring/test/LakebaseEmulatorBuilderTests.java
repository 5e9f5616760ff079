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

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LakebaseEmulatorBuilder}: the endpoints its settings make, in order, with their
 * wake settings; the compute size and the connection limit kept in step as Lakebase's
 * table has them; and settings Lakebase would not accept refused with what is allowed.
 */
class LakebaseEmulatorBuilderTests {

	@Test
	void theSettingsMakeThePrimaryFirstThenTheReadOnlyEndpointBranchesAndInstances() {
		LakebaseEmulatorBuilder builder = LakebaseEmulator.builder()
			.project("notes")
			.readOnlyEndpoint()
			.readableSecondaries()
			.branch("feature")
			.provisionedInstance("orders")
			.wakeMode(WakeMode.REFUSE)
			.wakeDelay(Duration.ofSeconds(2))
			.autoSuspendAfter(Duration.ofMinutes(5));
		List<EmulatedEndpoint> endpoints = builder.endpoints();
		assertThat(endpoints).extracting(EmulatedEndpoint::path)
			.containsExactly("projects/notes/branches/production/endpoints/primary",
					"projects/notes/branches/production/endpoints/read-only",
					"projects/notes/branches/feature/endpoints/primary", "orders");
		assertThat(endpoints).extracting(EmulatedEndpoint::hasReadableSecondaries)
			.containsExactly(true, false, false, false);
		assertThat(endpoints).extracting(EmulatedEndpoint::isReadOnly).containsExactly(false, true, false, false);
		assertThat(endpoints).allSatisfy((endpoint) -> {
			assertThat(endpoint.wakeMode()).isEqualTo(WakeMode.REFUSE);
			assertThat(endpoint.wakeDelay()).isEqualTo(Duration.ofSeconds(2));
			assertThat(endpoint.autoSuspendAfter()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void theComputeSizeAndTheConnectionLimitFollowEachOther() {
		LakebaseEmulatorBuilder builder = LakebaseEmulator.builder();
		assertThat(builder.maxComputeUnits).isEqualTo(0.5);
		assertThat(builder.maxConnections).isEqualTo(104);
		builder.maxComputeUnits(1);
		assertThat(builder.maxConnections).isEqualTo(209);
		builder.maxComputeUnits(112);
		assertThat(builder.maxConnections).as("at most 4000").isEqualTo(4000);
		builder.maxConnections(419);
		assertThat(builder.maxComputeUnits).isEqualTo(419 / 209.75);
	}

	@Test
	void settingsLakebaseWouldNotAcceptAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().branch("Not_Valid"))
			.withMessageContaining("'Not_Valid' is not a valid resource id");
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().branch("production"))
			.withMessage("Branch production exists already");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LakebaseEmulator.builder().branch("feature").branch("feature"));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().project("-p"));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().provisionedInstance("A"));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().tokenLifetime(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LakebaseEmulator.builder().autoSuspendAfter(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().maxConnections(4));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().maxConnections(262_144))
			.withMessageContaining("262143");
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().maxComputeUnits(0.25))
			.withMessage("maxComputeUnits must be between 0.5 and 112 CU");
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().maxComputeUnits(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> LakebaseEmulator.builder().appMaxInstances(0))
			.withMessage("appMaxInstances must be 1 or more");
	}

}
