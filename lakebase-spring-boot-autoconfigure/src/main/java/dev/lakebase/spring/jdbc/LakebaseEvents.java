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

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the DataSource reports as it works: credential refreshes and mints, wake retries
 * and wakes, connection failures. Metrics listen to these; without Micrometer nothing
 * does.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface LakebaseEvents {

	/** Reports nothing. */
	LakebaseEvents NONE = new LakebaseEvents() {
	};

	/**
	 * Class of a failed connect.
	 */
	enum FailureClass {

		AUTH("auth"), CREDENTIAL("credential"), WAKE_TIMEOUT("wake-timeout"), NETWORK("network"), OTHER("other");

		private final String tag;

		FailureClass(String tag) {
			this.tag = tag;
		}

		public String tag() {
			return this.tag;
		}

		/**
		 * Return the class of a failed login.
		 * @param ex the failure
		 * @return its class
		 */
		static FailureClass of(SQLException ex) {
			if (ex instanceof WakeRetry.WakeTimeoutException) {
				return WAKE_TIMEOUT;
			}
			if (ex instanceof CredentialUnavailableException) {
				return CREDENTIAL;
			}
			String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
			if (state.startsWith("28")) {
				return AUTH;
			}
			if (state.startsWith("08") || WakeRetry.isWakeFailure(ex)) {
				return NETWORK;
			}
			return OTHER;
		}

	}

	/**
	 * A mint finished.
	 * @param source the credential source ({@code autoscaling}, {@code provisioned} or
	 * {@code native})
	 * @param duration how long it took
	 * @param success whether it gave a credential
	 */
	default void credentialRefreshed(String source, Duration duration, boolean success) {
	}

	/**
	 * A connect failed with a wake failure and will be retried.
	 */
	default void wakeRetried() {
	}

	/**
	 * The endpoint woke: a connect succeeded after refused ones.
	 * @param duration from the first refused connect to the successful one
	 */
	default void woke(Duration duration) {
	}

	/**
	 * A connect failed for good.
	 * @param failureClass its class
	 */
	default void connectionFailed(FailureClass failureClass) {
	}

	/**
	 * Return the events of another pool, such as the read-only one.
	 * @param poolName the pool name, which metrics carry as the tag {@code pool}
	 * @param credentials the pool's credentials, once they exist
	 * @return the events of that pool
	 */
	default LakebaseEvents forPool(String poolName, Supplier<CredentialCache> credentials) {
		return this;
	}

}
