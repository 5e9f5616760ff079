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
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lakebase.spring.jdbc.MintedCredential;
import org.jspecify.annotations.Nullable;

/**
 * The pool of one user: a small HikariCP pool that logs in under the user's Postgres role
 * with the credential last minted with the user's token. Nothing refreshes the credential
 * in the background: a scope entered with a fresh token renews it when it nears its
 * expiry.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserPool {

	private final String identity;

	private final String key;

	private final AtomicInteger scopes = new AtomicInteger();

	private volatile @Nullable HikariDataSource dataSource;

	private volatile @Nullable MintedCredential credential;

	/** When the current credential is to be renewed: inside its refresh window. */
	private volatile Instant renewAt = Instant.MIN;

	private volatile boolean loggedIn;

	private volatile long lastUsedNanos = System.nanoTime();

	UserPool(String identity) {
		this.identity = identity;
		this.key = key(identity);
	}

	/**
	 * Return a stable hash of an identity, what names its pool (never the e-mail).
	 * @param identity the identity
	 * @return 12 hexadecimal digits
	 */
	static String key(String identity) {
		return UserIdentities.fingerprint(identity).substring(0, 12);
	}

	String identity() {
		return this.identity;
	}

	String key() {
		return this.key;
	}

	HikariDataSource dataSource() {
		HikariDataSource dataSource = this.dataSource;
		if (dataSource == null) {
			throw new IllegalStateException("The pool of a user is not open");
		}
		return dataSource;
	}

	void open(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Return the current credential's token, what the pool logs in with.
	 * @return the token, or {@code null} before the first mint
	 */
	@Nullable String token() {
		MintedCredential credential = this.credential;
		return (credential != null) ? credential.token() : null;
	}

	/**
	 * Whether a new credential is needed: none was minted, or the current one is inside
	 * its refresh window or expired.
	 * @param now the time
	 * @return whether to mint
	 */
	boolean needsCredential(Instant now) {
		return !now.isBefore(this.renewAt);
	}

	/**
	 * Hold a new credential, to be renewed inside its refresh window: at most half its
	 * lifetime before it expires.
	 * @param credential the credential
	 * @param refreshWindow {@code lakebase.credentials.refresh-window}
	 */
	void credential(MintedCredential credential, Duration refreshWindow) {
		Duration lifetime = Duration.between(credential.mintedAt(), credential.expiresAt());
		Duration margin = (lifetime.compareTo(refreshWindow.multipliedBy(2)) < 0) ? lifetime.dividedBy(2)
				: refreshWindow;
		this.credential = credential;
		this.renewAt = credential.expiresAt().minus(margin);
	}

	/**
	 * Whether a login with the pool's credential has succeeded.
	 * @return whether the user may log in
	 */
	boolean loggedIn() {
		return this.loggedIn;
	}

	void loggedIn(boolean loggedIn) {
		this.loggedIn = loggedIn;
	}

	void enter() {
		this.scopes.incrementAndGet();
		this.lastUsedNanos = System.nanoTime();
	}

	void exit() {
		this.lastUsedNanos = System.nanoTime();
		this.scopes.decrementAndGet();
	}

	long lastUsedNanos() {
		return this.lastUsedNanos;
	}

	/**
	 * Whether the pool may be closed: no scope runs in it and no connection is in use.
	 * @return whether it is idle
	 */
	boolean idle() {
		return this.scopes.get() == 0 && activeConnections() == 0;
	}

	int activeConnections() {
		HikariPoolMXBean pool = mxBean();
		return (pool != null) ? pool.getActiveConnections() : 0;
	}

	int connections() {
		HikariPoolMXBean pool = mxBean();
		return (pool != null) ? pool.getTotalConnections() : 0;
	}

	private @Nullable HikariPoolMXBean mxBean() {
		HikariDataSource dataSource = this.dataSource;
		return (dataSource != null) ? dataSource.getHikariPoolMXBean() : null;
	}

	void close() {
		HikariDataSource dataSource = this.dataSource;
		if (dataSource != null) {
			dataSource.close();
		}
	}

	@Override
	public String toString() {
		return "UserPool[" + this.key + "]";
	}

}
