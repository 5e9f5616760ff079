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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link EmulatedEndpoint} before it is started: the names the APIs know it by, the
 * database of its branch, the suspend timeout it reports (its own auto-suspend time, a
 * test's override, or Lakebase's default of five minutes), and settings a test may not
 * make. What it does once running is in {@link EndpointLifecycleIntegrationTests}.
 */
class EmulatedEndpointTests {

	private final EmulatedEndpoint primary = new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, "p",
			LakebaseEmulator.DEFAULT_BRANCH, "primary", false);

	@Test
	void anAutoscalingEndpointIsKnownByItsPathAndAnInstanceByItsName() {
		assertThat(this.primary.path()).isEqualTo("projects/p/branches/production/endpoints/primary");
		assertThat(this.primary).hasToString("EmulatedEndpoint[projects/p/branches/production/endpoints/primary]");
		EmulatedEndpoint instance = new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, "orders",
				false);
		assertThat(instance.path()).isEqualTo("orders");
		assertThat(instance.project()).isNull();
		assertThat(instance.branch()).isNull();
		assertThat(instance.kind()).isEqualTo(EmulatedEndpoint.Kind.PROVISIONED);
	}

	@Test
	void eachBranchButTheDefaultOneHasADatabaseOfItsOwn() {
		EmulatedEndpoint feature = new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, "p", "feature", "primary",
				false);
		EmulatedEndpoint instance = new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, "orders",
				false);
		assertThat(this.primary.backendDatabase("databricks_postgres")).isEqualTo("databricks_postgres");
		assertThat(feature.backendDatabase("databricks_postgres")).isEqualTo("databricks_postgres__feature");
		assertThat(instance.backendDatabase("databricks_postgres")).isEqualTo("databricks_postgres");
	}

	@Test
	void theReportedSuspendTimeoutIsTheOverrideTheAutoSuspendTimeOrFiveMinutes() {
		assertThat(this.primary.suspendTimeout()).isEqualTo(Duration.ofMinutes(5));
		this.primary.setAutoSuspendAfter(Duration.ofSeconds(90));
		assertThat(this.primary.suspendTimeout()).isEqualTo(Duration.ofSeconds(90));
		this.primary.setSuspendTimeout(Duration.ofMinutes(1));
		assertThat(this.primary.suspendTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.primary.autoSuspendAfter()).as("reporting does not suspend").isEqualTo(Duration.ofSeconds(90));
		this.primary.setSuspendTimeout(null);
		assertThat(this.primary.suspendTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void noSuspensionTurnsTheAutoSuspendOff() {
		this.primary.setAutoSuspendAfter(Duration.ofSeconds(90));
		this.primary.setNoSuspension(true);
		assertThat(this.primary.isNoSuspension()).isTrue();
		assertThat(this.primary.autoSuspendAfter()).isNull();
	}

	@Test
	void settingsATestMayNotMakeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.primary.setWakeDelay(Duration.ofMillis(-1)))
			.withMessageContaining("must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> this.primary.setAutoSuspendAfter(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.primary.setSuspendTimeout(Duration.ofSeconds(-1)));
		assertThatNullPointerException().isThrownBy(() -> this.primary.setWakeMode(null));
		this.primary.setWakeDelay(Duration.ZERO);
		assertThat(this.primary.wakeDelay()).isZero();
	}

	@Test
	void anEndpointThatIsNotStartedHasNoHost() {
		assertThatIllegalStateException().isThrownBy(this.primary::host);
	}

}
