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
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmulatorDirectory}: the lookups the fake workspace and the front's login check
 * make: a service principal only with its own secret, a user by personal access token,
 * forwarded tokens until revoked, and a login accepted for a native password or a valid
 * credential of an identity with a database role.
 */
class EmulatorDirectoryTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final MovingClock clock = new MovingClock(START);

	private final DatabaseTokens tokens = new DatabaseTokens(this.clock, Duration.ofHours(1));

	private final EmulatorDirectory directory = new EmulatorDirectory(this.tokens, (target) -> null);

	private final EmulatedIdentity app = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"11111111-2222-3333-4444-555555555555", "app-secret", true);

	private final EmulatedIdentity user = new EmulatedIdentity(EmulatedIdentity.Kind.USER, "ada@example.com",
			"dapi-ada", true);

	private final EmulatedIdentity roleless = new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL,
			"66666666-7777-8888-9999-000000000000", "other-secret", false);

	EmulatorDirectoryTests() {
		this.directory.identities().addAll(List.of(this.app, this.user, this.roleless));
	}

	@Test
	void aServicePrincipalIsFoundOnlyWithItsOwnSecret() {
		assertThat(this.directory.servicePrincipal(this.app.clientId(), "app-secret")).isSameAs(this.app);
		assertThat(this.directory.servicePrincipal(this.app.clientId(), "other-secret")).isNull();
		assertThat(this.directory.servicePrincipal(this.app.clientId(), null)).isNull();
		assertThat(this.directory.servicePrincipal(null, "app-secret")).isNull();
		assertThat(this.directory.servicePrincipal("ada@example.com", "dapi-ada")).as("a user").isNull();
	}

	@Test
	void aUserIsFoundByPersonalAccessTokenAndAnIdentityByRoleName() {
		assertThat(this.directory.userByToken("dapi-ada")).isSameAs(this.user);
		assertThat(this.directory.userByToken("app-secret")).as("a service principal's secret").isNull();
		assertThat(this.directory.identity(this.app.roleName())).isSameAs(this.app);
		assertThat(this.directory.identity("nobody")).isNull();
		assertThat(this.directory.identity(null)).isNull();
		this.directory.addNativePassword("reporting", "native-secret");
		assertThat(this.directory.roleNames()).containsExactlyInAnyOrder(this.app.roleName(), "ada@example.com",
				"reporting");
	}

	@Test
	void aForwardedTokenHoldsItsUserAndScopesUntilRevoked() {
		this.directory.addForwardedToken("lbemu-user.t", this.user, Set.of("postgres", "sql"));
		EmulatorDirectory.ForwardedToken forwarded = this.directory.forwardedToken("lbemu-user.t");
		assertThat(forwarded).isNotNull();
		assertThat(forwarded.identity()).isSameAs(this.user);
		assertThat(forwarded.scopes()).containsExactlyInAnyOrder("postgres", "sql");
		assertThat(this.directory.revokeForwardedToken("lbemu-user.t")).isTrue();
		assertThat(this.directory.revokeForwardedToken("lbemu-user.t")).isFalse();
		assertThat(this.directory.forwardedToken("lbemu-user.t")).isNull();
	}

	@Test
	void aLoginIsAcceptedForANativePasswordOrAValidCredentialOfARole() {
		this.directory.addNativePassword("reporting", "native-secret");
		assertThat(this.directory.checkLogin("reporting", "native-secret")).isTrue();
		assertThat(this.directory.checkLogin("reporting", "wrong")).isFalse();
		String appToken = this.tokens.mint(this.app, "projects/p/branches/b/endpoints/e", null).token();
		assertThat(this.directory.checkLogin(this.app.roleName(), appToken)).isTrue();
		assertThat(this.directory.checkLogin("ada@example.com", appToken)).as("another identity's").isFalse();
		String rolelessToken = this.tokens.mint(this.roleless, "projects/p/branches/b/endpoints/e", null).token();
		assertThat(this.directory.checkLogin(this.roleless.roleName(), rolelessToken)).as("no database role").isFalse();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.directory.checkLogin(this.app.roleName(), appToken)).as("expired").isFalse();
	}

	@Test
	void theStartTimeIsKnownOnlyOnceStarted() {
		assertThat(this.directory.startTimeIfStarted()).isNull();
		assertThatIllegalStateException().isThrownBy(this.directory::startTime)
			.withMessage("The emulator is not started");
		this.directory.started(START);
		assertThat(this.directory.startTime()).isEqualTo(START);
	}

	@Test
	void theComputeSizeAndTheAppAreRecorded() {
		assertThat(this.directory.maxComputeUnits()).isEqualTo(0.5);
		assertThat(this.directory.appMaxInstances()).isEqualTo(1);
		this.directory.compute(2);
		this.directory.app("notes", 3);
		assertThat(this.directory.maxComputeUnits()).isEqualTo(2.0);
		assertThat(this.directory.appName()).isEqualTo("notes");
		assertThat(this.directory.appMaxInstances()).isEqualTo(3);
	}

}
