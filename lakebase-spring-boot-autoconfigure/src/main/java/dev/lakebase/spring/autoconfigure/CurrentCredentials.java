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

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;

/**
 * What HikariCP asks for before every new physical connection: the pool's user name and
 * the current token ({@link RefreshingCredentials#login(String)}), without I/O, lock or
 * clock read while the cached credential is fresh, and one {@link Credentials} object per
 * token rather than one per login.
 *
 * @author Lakebase Spring Boot contributors
 */
final class CurrentCredentials implements HikariCredentialsProvider {

	private final String username;

	private final RefreshingCredentials credentials;

	CurrentCredentials(String username, RefreshingCredentials credentials) {
		this.username = username;
		this.credentials = credentials;
	}

	@Override
	public Credentials getCredentials() {
		return this.credentials.login(this.username);
	}

	@Override
	public String toString() {
		return "CurrentCredentials[" + this.username + "]";
	}

}
