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

import java.util.ArrayList;
import java.util.List;

import com.databricks.sdk.core.DatabricksError;
import dev.lakebase.spring.users.UserAccessException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UserIdentities}: the workspace is asked once per token whose it is; a token it
 * refuses is 401, a workspace it cannot ask 503.
 */
class UserIdentitiesTests {

	@Test
	void theWorkspaceIsAskedOncePerToken() {
		List<String> asked = new ArrayList<>();
		UserIdentities identities = new UserIdentities((token) -> {
			asked.add(token);
			return token.equals("token-a") ? "ada@example.com" : "bob@example.com";
		});
		assertThat(identities.identify("token-a")).isEqualTo("ada@example.com");
		assertThat(identities.identify("token-a")).isEqualTo("ada@example.com");
		assertThat(identities.identify("token-b")).isEqualTo("bob@example.com");
		assertThat(asked).containsExactly("token-a", "token-b");
	}

	@Test
	void aTokenTheWorkspaceRefusesIs401() {
		UserIdentities identities = new UserIdentities((token) -> {
			throw new DatabricksError("UNAUTHENTICATED", "Invalid access token", 401);
		});
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> identities.identify("expired"))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(401));
		UserIdentities denied = new UserIdentities((token) -> {
			throw new DatabricksError("PERMISSION_DENIED", "no", 403);
		});
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> denied.identify("token"))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(401));
	}

	@Test
	void aWorkspaceThatCannotBeAskedIs503AndNothingIsRemembered() {
		List<String> asked = new ArrayList<>();
		UserIdentities identities = new UserIdentities((token) -> {
			asked.add(token);
			throw new DatabricksError("TEMPORARILY_UNAVAILABLE", "down", 503);
		});
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> identities.identify("token"))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
		assertThatExceptionOfType(UserAccessException.class).isThrownBy(() -> identities.identify("token"));
		assertThat(asked).hasSize(2);
	}

	@Test
	void aFingerprintIsAHashNotTheToken() {
		assertThat(UserIdentities.fingerprint("secret-token")).hasSize(64).doesNotContain("secret");
	}

}
