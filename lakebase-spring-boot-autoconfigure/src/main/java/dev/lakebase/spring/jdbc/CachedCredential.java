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

package dev.lakebase.spring.jdbc;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;

/**
 * A credential with the two instants worked out once when it is minted, so that the hot
 * path only compares instants: its refresh point (the refresh window before expiry, at
 * most half its lifetime) and the end of its use (a margin before expiry: a tenth of its
 * lifetime, at most 30 seconds). Also HikariCP's {@link Credentials} for it, made once a
 * login asks.
 *
 * @author Lakebase Spring Boot contributors
 */
final class CachedCredential {

	private static final Duration MAX_EXPIRY_MARGIN = Duration.ofSeconds(30);

	private final MintedCredential credential;

	private final Instant refreshAt;

	private final Instant usableUntil;

	/**
	 * Immutable (final fields), so a plain field is safe: a racing login at worst makes
	 * an equal object once more.
	 */
	private @Nullable Credentials login;

	private CachedCredential(MintedCredential credential, Instant refreshAt, Instant usableUntil) {
		this.credential = credential;
		this.refreshAt = refreshAt;
		this.usableUntil = usableUntil;
	}

	/**
	 * Work out when to refresh a credential and until when to use it.
	 * @param credential the credential
	 * @param refreshWindow how long before expiry to refresh
	 * @return the cached credential
	 */
	static CachedCredential of(MintedCredential credential, Duration refreshWindow) {
		Duration lifetime = Duration.between(credential.mintedAt(), credential.expiresAt());
		Duration window = refreshWindow;
		if (window.compareTo(lifetime.dividedBy(2)) > 0) {
			window = lifetime.dividedBy(2);
		}
		Duration margin = lifetime.dividedBy(10);
		if (margin.compareTo(MAX_EXPIRY_MARGIN) > 0) {
			margin = MAX_EXPIRY_MARGIN;
		}
		return new CachedCredential(credential, credential.expiresAt().minus(window),
				credential.expiresAt().minus(margin));
	}

	MintedCredential credential() {
		return this.credential;
	}

	Instant refreshAt() {
		return this.refreshAt;
	}

	Instant usableUntil() {
		return this.usableUntil;
	}

	/**
	 * Whether the credential never expires (a native password).
	 * @return whether it never expires
	 */
	boolean neverExpires() {
		return Instant.MAX.equals(this.credential.expiresAt());
	}

	Credentials login(String username) {
		Credentials login = this.login;
		// One pool asks with one user name, the same String each time
		if (login == null || login.getUsername() != username) {
			login = Credentials.of(username, this.credential.token());
			this.login = login;
		}
		return login;
	}

}
