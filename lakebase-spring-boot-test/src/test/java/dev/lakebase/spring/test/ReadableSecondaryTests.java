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

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReadableSecondary}: the secondaries of a read-write endpoint serve read-only
 * sessions of the primary's database, wake with the primary's compute and count on the
 * primary's counters.
 */
class ReadableSecondaryTests {

	private final EmulatedEndpoint primary = new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, "p", "feature",
			"primary", false);

	private final ReadableSecondary secondary = new ReadableSecondary(this.primary.lifecycle());

	@Test
	void sessionsAreReadOnlyOnThePrimarysDatabase() {
		assertThat(this.primary.isReadOnly()).isFalse();
		assertThat(this.secondary.isReadOnly()).isTrue();
		assertThat(this.secondary.path()).isEqualTo(this.primary.path());
		assertThat(this.secondary.backendDatabase("databricks_postgres")).isEqualTo("databricks_postgres__feature");
	}

	@Test
	void itWakesAsThePrimaryDoes() {
		this.primary.setWakeMode(WakeMode.RESET);
		assertThat(this.secondary.wakeMode()).isEqualTo(WakeMode.RESET);
	}

	@Test
	void whatItSeesCountsOnThePrimarysCounters() {
		this.secondary.connectionAccepted();
		this.secondary.tlsHandshake(true);
		this.secondary.login(true, Map.of("user", "app"));
		this.secondary.login(false, Map.of("user", "other"));
		this.secondary.statementSeen();
		EndpointCounters counters = this.primary.counters();
		assertThat(counters.connectionsAccepted()).isEqualTo(1);
		assertThat(counters.resumedTlsSessions()).isEqualTo(1);
		assertThat(counters.logins()).isEqualTo(1);
		assertThat(counters.failedLogins()).isEqualTo(1);
		assertThat(counters.statements()).isEqualTo(1);
		assertThat(counters.lastLoginStartupParameters()).containsEntry("user", "app");
	}

}
