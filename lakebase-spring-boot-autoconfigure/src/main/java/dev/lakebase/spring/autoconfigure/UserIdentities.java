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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.lakebase.spring.users.UserAccessException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;

/**
 * Who a user's token is: the name the workspace reports for it (for a user, the e-mail
 * address, which is the user's Postgres role), asked once per token and remembered by a
 * hash of the token, never the token itself.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserIdentities {

	private static final Log logger = LogFactory.getLog(UserIdentities.class);

	private static final int MAX_REMEMBERED = 10_000;

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(UserIdentities::sha256);

	private static final HexFormat HEX = HexFormat.of();

	private final Function<String, String> lookup;

	private final Map<String, String> identities = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > MAX_REMEMBERED;
		}

	};

	/**
	 * Create the identities.
	 * @param lookup asks the workspace for the name of a token's user
	 */
	UserIdentities(Function<String, String> lookup) {
		this.lookup = lookup;
	}

	/**
	 * Return the identity of a token.
	 * @param token the token
	 * @return the identity
	 * @throws UserAccessException 401 when the workspace refuses the token, 503 when it
	 * cannot be asked
	 */
	String identify(String token) {
		String key = fingerprint(token);
		synchronized (this.identities) {
			String known = this.identities.get(key);
			if (known != null) {
				return known;
			}
		}
		String identity;
		try {
			identity = this.lookup.apply(token);
		}
		catch (RuntimeException ex) {
			int status = WorkspaceErrors.status(ex);
			if (status == 401 || status == 403) {
				logger.warn("The workspace refused a user's token when asked whose it is (HTTP " + status
						+ "); refused with 401");
				throw new UserAccessException(HttpStatus.UNAUTHORIZED, "User token refused", null, ex);
			}
			logger.warn("Could not ask the workspace whose a user's token is: " + WorkspaceErrors.describe(ex)
					+ "; answering 503");
			throw new UserAccessException(HttpStatus.SERVICE_UNAVAILABLE, "Could not identify the user",
					UserPools.RETRY_AFTER, ex);
		}
		synchronized (this.identities) {
			this.identities.put(key, identity);
		}
		return identity;
	}

	static String fingerprint(String token) {
		return HEX.formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
