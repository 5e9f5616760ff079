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

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EndpointCounters}: each event counted once under its own name, resumed TLS
 * sessions among the handshakes, and the startup parameters of the last login kept as
 * they were sent.
 */
class EndpointCountersTests {

	private final EndpointCounters counters = new EndpointCounters();

	@Test
	void eachEventIsCountedUnderItsOwnName() {
		this.counters.connectionAccepted();
		this.counters.connectionAccepted();
		this.counters.loginFailed();
		this.counters.statementSeen();
		this.counters.statementSeen();
		this.counters.statementSeen();
		this.counters.suspended();
		this.counters.connectWhileAsleep();
		this.counters.woke();
		assertThat(this.counters.connectionsAccepted()).isEqualTo(2);
		assertThat(this.counters.failedLogins()).isEqualTo(1);
		assertThat(this.counters.logins()).isZero();
		assertThat(this.counters.statements()).isEqualTo(3);
		assertThat(this.counters.suspensions()).isEqualTo(1);
		assertThat(this.counters.connectsWhileAsleep()).isEqualTo(1);
		assertThat(this.counters.wakes()).isEqualTo(1);
		assertThat(this.counters).hasToString("EndpointCounters[accepted=2, logins=0, failedLogins=1, statements=3, "
				+ "wakes=1, suspensions=1, connectsWhileAsleep=1]");
	}

	@Test
	void resumedTlsSessionsAreCountedAmongTheHandshakes() {
		this.counters.tlsHandshake(false);
		this.counters.tlsHandshake(true);
		this.counters.tlsHandshake(true);
		assertThat(this.counters.tlsHandshakes()).isEqualTo(3);
		assertThat(this.counters.resumedTlsSessions()).isEqualTo(2);
	}

	@Test
	void theStartupParametersOfTheLastLoginAreKeptAsSent() {
		assertThat(this.counters.lastLoginStartupParameters()).isEmpty();
		Map<String, String> sent = new HashMap<>(Map.of("user", "app", "database", "databricks_postgres"));
		this.counters.loginSucceeded(sent);
		sent.put("application_name", "changed later");
		assertThat(this.counters.lastLoginStartupParameters()).containsOnly(Map.entry("user", "app"),
				Map.entry("database", "databricks_postgres"));
		this.counters.loginSucceeded(Map.of("user", "other"));
		assertThat(this.counters.lastLoginStartupParameters()).containsOnly(Map.entry("user", "other"));
		assertThat(this.counters.logins()).isEqualTo(2);
	}

}
