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

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The database credentials the emulator has minted. Like Lakebase, every token stays
 * valid for its own identity until its own expiry, several at once; expiry is checked
 * only at login.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DatabaseTokens {

	/**
	 * Outcome of a token check at login.
	 */
	enum Check {

		VALID, EXPIRED, UNKNOWN, OTHER_IDENTITY

	}

	record Minted(String token, EmulatedIdentity identity, String target, Instant expiresAt) {

		@Override
		public String toString() {
			return "Minted[" + this.identity + ", " + this.target + ", expires " + this.expiresAt + "]";
		}

	}

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, Minted> tokens = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> mintsByTarget = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> mintsByRole = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile Duration lifetime;

	DatabaseTokens(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	void setLifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	Minted mint(EmulatedIdentity identity, String target, @Nullable Duration requestedTtl) {
		Instant now = this.clock.instant();
		this.tokens.values().removeIf((minted) -> minted.expiresAt().isBefore(now.minus(Duration.ofMinutes(10))));
		Duration ttl = (requestedTtl != null && requestedTtl.compareTo(this.lifetime) < 0) ? requestedTtl
				: this.lifetime;
		byte[] bytes = new byte[48];
		random.nextBytes(bytes);
		String token = "lbemu." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Minted minted = new Minted(token, identity, target, now.plus(ttl));
		this.tokens.put(token, minted);
		this.mintsByTarget.computeIfAbsent(target, (key) -> new AtomicInteger()).incrementAndGet();
		this.mintsByRole.computeIfAbsent(identity.roleName(), (key) -> new AtomicInteger()).incrementAndGet();
		return minted;
	}

	Check check(String roleName, String token) {
		Minted minted = (token != null) ? this.tokens.get(token) : null;
		if (minted == null) {
			return Check.UNKNOWN;
		}
		if (!minted.identity().roleName().equals(roleName)) {
			return Check.OTHER_IDENTITY;
		}
		return this.clock.instant().isBefore(minted.expiresAt()) ? Check.VALID : Check.EXPIRED;
	}

	int revoke(EmulatedIdentity identity) {
		int before = this.tokens.size();
		this.tokens.values().removeIf((minted) -> minted.identity() == identity);
		return before - this.tokens.size();
	}

	int mintsForTarget(String target) {
		AtomicInteger count = this.mintsByTarget.get(target);
		return (count != null) ? count.get() : 0;
	}

	int mintsForRole(String roleName) {
		AtomicInteger count = this.mintsByRole.get(roleName);
		return (count != null) ? count.get() : 0;
	}

	int totalMints() {
		return this.mintsByRole.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}
