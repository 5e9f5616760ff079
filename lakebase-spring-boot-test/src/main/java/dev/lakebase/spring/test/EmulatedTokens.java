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

/**
 * The database credentials the emulator's workspace mints: their lifetime, revocation,
 * and how many were minted.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EmulatedTokens {

	private final DatabaseTokens tokens;

	EmulatedTokens(DatabaseTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Set the lifetime of database credentials minted from now on. Lakebase uses one
	 * hour; seconds compress hours of rotation into a test.
	 * @param lifetime the token lifetime
	 */
	public void setLifetime(Duration lifetime) {
		this.tokens.setLifetime(LakebaseEmulatorBuilder.requirePositive(lifetime));
	}

	/**
	 * Revoke every database credential of an identity: logins with them fail from now on;
	 * open sessions keep running.
	 * @param identity the identity
	 * @return how many tokens were revoked
	 */
	public int revoke(EmulatedIdentity identity) {
		return this.tokens.revoke(identity);
	}

	/**
	 * Return how many database credentials were minted in all.
	 * @return the number of mints
	 */
	public int mintCount() {
		return this.tokens.totalMints();
	}

	/**
	 * Return how many database credentials were minted for an identity.
	 * @param identity the identity
	 * @return the number of mints
	 */
	public int mintCount(EmulatedIdentity identity) {
		return this.tokens.mintsForRole(identity.roleName());
	}

	/**
	 * Return how many database credentials were minted for an endpoint or instance.
	 * @param endpoint the endpoint
	 * @return the number of mints
	 */
	public int mintCount(EmulatedEndpoint endpoint) {
		return this.tokens.mintsForTarget(endpoint.path());
	}

}
