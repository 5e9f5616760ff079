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

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The app's data source and a user's pool behind the routing data source, for the tests
 * of user scopes. Nothing connects.
 */
final class UserScopeFixture implements AutoCloseable {

	final HikariDataSource userDataSource = new HikariDataSource();

	final DataSource app = new DriverManagerDataSource("jdbc:postgresql://app.example.com/db");

	final UserRoutingDataSource routing = new UserRoutingDataSource(this.app);

	/**
	 * Return a user's pool, open on the user's data source.
	 * @return the pool
	 */
	UserPool openPool() {
		UserPool pool = new UserPool("ada@example.com");
		pool.open(this.userDataSource);
		return pool;
	}

	/**
	 * Return the data source a connection asked for on this thread comes from, or the
	 * failure.
	 * @return the data source or the {@link IllegalStateException}
	 */
	Object target() {
		try {
			return this.routing.determineTargetDataSource();
		}
		catch (IllegalStateException ex) {
			return ex;
		}
	}

	@Override
	public void close() {
		this.userDataSource.close();
	}

}
