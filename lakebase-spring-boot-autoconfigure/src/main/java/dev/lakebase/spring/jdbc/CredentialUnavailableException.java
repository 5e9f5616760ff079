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

import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * No credential could be had for a login: the workspace refused or did not answer, before
 * anything reached Lakebase. SQLSTATE {@code 28000}, as a login refused for want of
 * credentials; told apart from Lakebase refusing a login by its type.
 *
 * @author Lakebase Spring Boot contributors
 */
final class CredentialUnavailableException extends SQLInvalidAuthorizationSpecException {

	/** SQLSTATE of a login without a usable credential. */
	static final String NO_CREDENTIAL_STATE = "28000";

	CredentialUnavailableException(String message, @Nullable Throwable cause) {
		super(message, NO_CREDENTIAL_STATE, cause);
	}

	/**
	 * The failure of a login after the last attempt to obtain a credential failed: its
	 * cause in words and the action that fixes it.
	 * @param cause why the last attempt failed
	 * @param target what credentials are minted for, for the message
	 * @param description the cause in words
	 * @param action what fixes it
	 * @return the failure
	 */
	static CredentialUnavailableException after(Throwable cause, String target, String description, String action) {
		LakebaseConfigurationException configuration = (cause instanceof LakebaseConfigurationException known) ? known
				: new LakebaseConfigurationException(
						"No valid Lakebase database credential for " + target
								+ ": the last attempt to obtain one failed with " + sentence(description),
						action, cause);
		return new CredentialUnavailableException(configuration.getMessage() + " " + configuration.getAction(),
				configuration);
	}

	/**
	 * The failure of a login that waited longer than {@code lakebase.credentials.timeout}
	 * for a credential.
	 * @param timeout the timeout
	 * @param target what credentials are minted for, for the message
	 * @return the failure
	 */
	static CredentialUnavailableException timedOut(Duration timeout, String target) {
		return new CredentialUnavailableException(
				"Timed out after " + timeout.toMillis() + " ms waiting for a Lakebase database credential for " + target
						+ " (lakebase.credentials.timeout). Check that the Databricks workspace is reachable.",
				null);
	}

	/**
	 * The failure of a login that waited for a credential, or asked for one, while the
	 * DataSource closed.
	 * @param target what credentials are minted for, for the message
	 * @return the failure
	 */
	static CredentialUnavailableException closed(String target) {
		return new CredentialUnavailableException("The Lakebase DataSource closed (the application context is "
				+ "shutting down) while this login waited for a database credential for " + target + ".", null);
	}

	/**
	 * The failure of a login interrupted while it waited for a credential.
	 * @param target what credentials are minted for, for the message
	 * @param ex the interruption
	 * @return the failure
	 */
	static CredentialUnavailableException interrupted(String target, InterruptedException ex) {
		return new CredentialUnavailableException(
				"Interrupted while waiting for a Lakebase database credential for " + target, ex);
	}

	private static String sentence(String text) {
		return text.endsWith(".") ? text : text + ".";
	}

}
