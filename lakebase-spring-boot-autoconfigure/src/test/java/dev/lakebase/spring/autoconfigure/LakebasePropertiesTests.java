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

import java.time.Duration;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LakebaseProperties}: the checks of values out of range, each naming the property
 * and the fix, and the defaults the documentation states.
 */
class LakebasePropertiesTests {

	private final LakebaseProperties properties = new LakebaseProperties();

	@Test
	void credentialsTakePositiveDurationsAndATtlWithinTheServicesRange() {
		assertThat(this.properties.getCredentials().settings().refreshWindow()).isEqualTo(Duration.ofMinutes(5));
		this.properties.getCredentials().setTtl(Duration.ofSeconds(299));
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getCredentials().settings())
			.withMessageContaining("lakebase.credentials.ttl is 'PT4M59S'")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("between 300s and 3600s"));
		this.properties.getCredentials().setTtl(null);
		this.properties.getCredentials().setTimeout(Duration.ZERO);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getCredentials().settings())
			.withMessageContaining("lakebase.credentials.timeout");
	}

	@Test
	void theWakeRetryNeedsABudgetAndAMaxDelayNoShorterThanTheFirst() {
		this.properties.getWake().setMaxDelay(Duration.ofMillis(10));
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getWake().settings())
			.withMessageContaining("lakebase.wake.max-delay (PT0.01S) is shorter than lakebase.wake.initial-delay");
		this.properties.getWake().setMaxDelay(Duration.ofMillis(50));
		this.properties.getWake().setBudget(Duration.ZERO);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getWake().settings())
			.satisfies((ex) -> assertThat(ex.getAction()).contains("lakebase.wake.enabled=false"));
	}

	@Test
	void usersPoolsNeedOneConnectionAndHikarisShortestIdleTimeout() {
		this.properties.getUsers().setMaxPools(0);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getUsers().check())
			.withMessage("Invalid Lakebase configuration: lakebase.users.max-pools is '0'.");
		this.properties.getUsers().setMaxPools(50);
		this.properties.getUsers().setIdleTimeout(Duration.ofSeconds(5));
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getUsers().check())
			.satisfies((ex) -> assertThat(ex.getAction()).contains("at least 10s"));
	}

	@Test
	void thePoolerAndTheBudgetRefuseCountsOutOfRangeWhenChecked() {
		assertThat(this.properties.getPooler().isEnabled()).isFalse();
		assertThat(this.properties.getPooler().getDirectMaxPoolSize()).isEqualTo(2);
		this.properties.getPooler().setDirectMaxPoolSize(0);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getPooler().check())
			.withMessage("Invalid Lakebase configuration: lakebase.pooler.direct-max-pool-size is '0'.")
			.satisfies((ex) -> assertThat(ex.getAction())
				.isEqualTo("Set lakebase.pooler.direct-max-pool-size to 1 or more."));
		assertThat(this.properties.getBudget().getInstances()).isNull();
		assertThat(this.properties.getBudget().getHeadroom()).isEqualTo(10);
		this.properties.getBudget().check();
		this.properties.getBudget().setInstances(0);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getBudget().check())
			.withMessageContaining("lakebase.budget.instances is '0'");
		this.properties.getBudget().setInstances(3);
		this.properties.getBudget().setHeadroom(-1);
		assertThatExceptionOfType(LakebaseConfigurationException.class)
			.isThrownBy(() -> this.properties.getBudget().check())
			.withMessageContaining("lakebase.budget.headroom is '-1'")
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set lakebase.budget.headroom to 0 or more."));
		this.properties.getBudget().setHeadroom(0);
		this.properties.getBudget().check();
	}

	@Test
	void theConnectionSettingsCarryTheReadOnlyAndPoolerChoices() {
		this.properties.getReadOnly().setSecondaries(true);
		this.properties.getPooler().setEnabled(true);
		ConnectionResolver.Settings settings = this.properties.connectionSettings();
		assertThat(settings.readOnlySecondaries()).isTrue();
		assertThat(settings.pooler()).isTrue();
		assertThat(settings.readOnlyEndpoint()).isNull();
	}

}
