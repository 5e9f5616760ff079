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

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PostgresFront}: the port of an endpoint in front of a real PostgreSQL, which
 * counts and holds its clients, closes their sessions as a suspend does and goes on
 * accepting, and shares its port with the other endpoints' fronts on addresses of their
 * own where the system has them. One client's protocol is in
 * {@link FrontConnectionIntegrationTests}.
 */
class PostgresFrontIntegrationTests {

	@RegisterExtension
	static final FrontBackend backend = new FrontBackend();

	private final TestFrontEndpoint endpoint = new TestFrontEndpoint();

	@Test
	void itCountsItsClientsAndHoldsTheOpenOnes() throws SQLException, IOException {
		PostgresFront front = backend.open(this.endpoint);
		try (Connection first = FrontBackend.connect(front, "good")) {
			try (Connection second = FrontBackend.connect(front, "good")) {
				assertThat(front.openConnections()).isEqualTo(2);
			}
			assertThat(Sdk.queryString(first, "SELECT 1")).isEqualTo("1");
		}
		assertThat(front.acceptedConnections()).isEqualTo(2);
	}

	@Test
	void closingTheConnectionsEndsTheSessionsAndTheFrontStillAccepts() throws SQLException, IOException {
		PostgresFront front = backend.open(this.endpoint);
		try (Connection first = FrontBackend.connect(front, "good")) {
			front.closeConnections();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> Sdk.queryString(first, "SELECT 1"));
		}
		try (Connection second = FrontBackend.connect(front, "good")) {
			assertThat(Sdk.queryString(second, "SELECT 1")).isEqualTo("1");
		}
	}

	@Test
	void frontsOpenedTogetherShareAPortOnTheirOwnAddressesWhereTheSystemHasThem() throws IOException {
		List<PostgresFront> fronts = backend.open(0, this.endpoint, new TestFrontEndpoint());
		assertThat(fronts.get(0).address().getHostAddress()).isEqualTo(LakebaseEmulator.LOOPBACK);
		assertThat(fronts.get(1).address()).isNotEqualTo(fronts.get(0).address());
		if (!fronts.get(1).address().getHostAddress().equals(LakebaseEmulator.LOOPBACK)) {
			assertThat(fronts.get(1).port()).isEqualTo(fronts.get(0).port());
		}
	}

}
