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
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The identities of the emulator's workspace: the default service principal and user, and
 * those a test adds, with or without a Postgres role; and native Postgres roles that have
 * no workspace identity.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EmulatedIdentities {

	private final EmulatorDirectory directory;

	private final EmulatedPostgres postgres;

	private final EmulatedIdentity servicePrincipal;

	private final EmulatedIdentity user;

	EmulatedIdentities(EmulatorDirectory directory, EmulatedPostgres postgres, String userName) {
		this.directory = directory;
		this.postgres = postgres;
		this.servicePrincipal = add(newServicePrincipal(true));
		this.user = add(new EmulatedIdentity(EmulatedIdentity.Kind.USER, userName, "dapi" + secret(), true));
	}

	/**
	 * Return the default service principal, the identity Databricks Apps gives an app. It
	 * has a database role.
	 * @return the service principal
	 */
	public EmulatedIdentity servicePrincipal() {
		return this.servicePrincipal;
	}

	/**
	 * Return the default user, a developer with a personal access token. It has a
	 * database role.
	 * @return the user
	 */
	public EmulatedIdentity user() {
		return this.user;
	}

	/**
	 * Add a service principal.
	 * @param databaseRole whether it gets a Postgres role; {@code false} stands for an
	 * app that has no database resource, whose logins fail
	 * @return the new service principal
	 */
	public EmulatedIdentity addServicePrincipal(boolean databaseRole) {
		return add(newServicePrincipal(databaseRole));
	}

	/**
	 * Add a user with a personal access token.
	 * @param email the user name, which is also the Postgres role name
	 * @param databaseRole whether it gets a Postgres role
	 * @return the new user
	 */
	public EmulatedIdentity addUser(String email, boolean databaseRole) {
		return add(new EmulatedIdentity(EmulatedIdentity.Kind.USER, email, "dapi" + secret(), databaseRole));
	}

	/**
	 * Return a user's OAuth token as the Databricks Apps proxy forwards it to an app with
	 * user authorization on ({@code X-Forwarded-Access-Token}), limited to the scopes
	 * configured for the app. Minting a database credential needs the {@code postgres}
	 * scope; the token authenticates the workspace's other APIs as the user (the current
	 * user's name is the user's e-mail address).
	 * @param user the user
	 * @param scopes the scopes, such as {@code postgres} and
	 * {@code iam.current-user:read}
	 * @return the token
	 */
	public String forwardedToken(EmulatedIdentity user, String... scopes) {
		if (user.kind() != EmulatedIdentity.Kind.USER) {
			throw new IllegalArgumentException(user + " is no user: the Apps proxy forwards users' tokens");
		}
		String token = "lbemu-user." + secret();
		this.directory.addForwardedToken(token, user, Set.of(scopes));
		return token;
	}

	/**
	 * Make a forwarded token invalid, as when it expires: the workspace refuses it from
	 * now on.
	 * @param token the token
	 * @return whether the token was valid
	 */
	public boolean revokeForwardedToken(String token) {
		return this.directory.revokeForwardedToken(token);
	}

	/**
	 * Create a Postgres role that logs in with a native password (no workspace identity),
	 * as the Lakebase UI does.
	 * @param roleName the role name
	 * @param password the password
	 */
	public void addNativeRole(String roleName, String password) {
		this.postgres.addNativeRole(roleName, Objects.requireNonNull(password, "password must not be null"));
		this.directory.addNativePassword(roleName, password);
	}

	private EmulatedIdentity add(EmulatedIdentity identity) {
		if (this.directory.identity(identity.roleName()) != null) {
			throw new IllegalArgumentException("An identity named " + identity.roleName() + " exists already");
		}
		this.directory.identities().add(identity);
		this.postgres.createRole(identity);
		return identity;
	}

	private static EmulatedIdentity newServicePrincipal(boolean databaseRole) {
		return new EmulatedIdentity(EmulatedIdentity.Kind.SERVICE_PRINCIPAL, UUID.randomUUID().toString(), secret(),
				databaseRole);
	}

	private static String secret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
