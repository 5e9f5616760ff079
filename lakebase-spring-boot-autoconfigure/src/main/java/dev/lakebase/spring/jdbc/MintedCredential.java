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

import java.time.Instant;
import java.util.Objects;

/**
 * A Lakebase database credential: a token and when it expires. Its string form never
 * shows the token.
 *
 * @param token the token, used as the Postgres password
 * @param expiresAt when the token stops being accepted at login
 * @param mintedAt when the token was obtained
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public record MintedCredential(String token, Instant expiresAt, Instant mintedAt) {

	public MintedCredential {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
		Objects.requireNonNull(mintedAt, "mintedAt must not be null");
	}

	@Override
	public String toString() {
		return "MintedCredential[expires " + this.expiresAt + "]";
	}

}
