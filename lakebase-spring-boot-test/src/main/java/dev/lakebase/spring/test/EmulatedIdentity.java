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

import java.util.Objects;

/**
 * A workspace identity of the emulator: a service principal (OAuth M2M client id and
 * secret, Postgres role named by the client id) or a user (personal access token,
 * Postgres role named by the e-mail address).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EmulatedIdentity {

	/**
	 * Kind of identity.
	 */
	public enum Kind {

		/** A service principal that authenticates with OAuth machine-to-machine. */
		SERVICE_PRINCIPAL,

		/** A user that authenticates with a personal access token. */
		USER

	}

	private final Kind kind;

	private final String name;

	private final String secret;

	private final boolean databaseRole;

	private volatile boolean credentialPermission = true;

	EmulatedIdentity(Kind kind, String name, String secret, boolean databaseRole) {
		this.kind = Objects.requireNonNull(kind);
		this.name = Objects.requireNonNull(name);
		this.secret = Objects.requireNonNull(secret);
		this.databaseRole = databaseRole;
	}

	/**
	 * Return the kind of this identity.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the Postgres user name of this identity: the client id of a service
	 * principal or the e-mail address of a user.
	 * @return the role name
	 */
	public String roleName() {
		return this.name;
	}

	/**
	 * Return the OAuth client id of a service principal.
	 * @return the client id
	 * @throws IllegalStateException for a user
	 */
	public String clientId() {
		requireKind(Kind.SERVICE_PRINCIPAL);
		return this.name;
	}

	/**
	 * Return the OAuth client secret of a service principal.
	 * @return the client secret
	 * @throws IllegalStateException for a user
	 */
	public String clientSecret() {
		requireKind(Kind.SERVICE_PRINCIPAL);
		return this.secret;
	}

	/**
	 * Return the personal access token of a user.
	 * @return the token
	 * @throws IllegalStateException for a service principal
	 */
	public String personalAccessToken() {
		requireKind(Kind.USER);
		return this.secret;
	}

	/**
	 * Return whether a Postgres role exists for this identity. A service principal of an
	 * app without a database resource has none, so its logins fail.
	 * @return whether the identity has a database role
	 */
	public boolean hasDatabaseRole() {
		return this.databaseRole;
	}

	/**
	 * Return whether this identity may mint database credentials.
	 * @return whether credential requests are permitted
	 */
	public boolean hasCredentialPermission() {
		return this.credentialPermission;
	}

	/**
	 * Set whether this identity may mint database credentials; when not, the credential
	 * APIs answer 403 {@code PERMISSION_DENIED}.
	 * @param permitted whether credential requests are permitted
	 */
	public void setCredentialPermission(boolean permitted) {
		this.credentialPermission = permitted;
	}

	String secret() {
		return this.secret;
	}

	private void requireKind(Kind expected) {
		if (this.kind != expected) {
			throw new IllegalStateException(this + " is not a " + expected);
		}
	}

	@Override
	public String toString() {
		return this.kind + "[" + this.name + "]";
	}

}
