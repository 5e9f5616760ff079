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

import java.time.Clock;
import java.time.Instant;

/**
 * Where the credential cache gets Lakebase database credentials from: the workspace (see
 * {@code WorkspaceCredentialSources}), or a native Postgres password that never expires.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface CredentialSource {

	/**
	 * Mint a new credential. Blocks on the workspace API.
	 * @return the credential
	 * @throws RuntimeException the workspace's error when minting fails
	 */
	MintedCredential mint();

	/**
	 * Return what credentials are minted for, for logs and messages.
	 * @return the endpoint or instance
	 */
	String target();

	/**
	 * Return whether a new mint can give a different credential.
	 * @return {@code false} for a fixed native password
	 */
	default boolean refreshable() {
		return true;
	}

	/**
	 * Describe a failed mint in words that name the cause, never a secret.
	 * @param failure what {@link #mint()} threw
	 * @return the description
	 */
	default String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

	/**
	 * Say what fixes a failed mint.
	 * @param failure what {@link #mint()} threw
	 * @return the action
	 */
	default String action(Throwable failure) {
		return "Check that " + target() + " can be reached, then restart the application.";
	}

	/**
	 * Return the kind of source, as a metric tag.
	 * @return {@code autoscaling}, {@code provisioned} or {@code native}
	 */
	String kind();

	/**
	 * Return a source that always gives the same native Postgres password, which never
	 * expires.
	 * @param password the password
	 * @param clock the clock
	 * @return the source
	 */
	static CredentialSource nativePassword(String password, Clock clock) {
		return new CredentialSource() {

			@Override
			public MintedCredential mint() {
				return new MintedCredential(password, Instant.MAX, clock.instant());
			}

			@Override
			public String target() {
				return "a native Postgres password";
			}

			@Override
			public boolean refreshable() {
				return false;
			}

			@Override
			public String kind() {
				return "native";
			}

		};
	}

}
