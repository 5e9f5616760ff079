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

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code dataSource} as it is seen from a user scope: a connection
 * asked for inside one comes from the user's pool, one asked for as the app from the
 * app's, and one asked for where the work may be a user's but has no scope fails (see
 * {@link UserScope}). Spring's transaction managers ask once, when a transaction starts,
 * so a transaction never changes identity.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserRoutingDataSource extends AbstractRoutingDataSource {

	private final DataSource app;

	UserRoutingDataSource(DataSource app) {
		this.app = app;
		setTargetDataSources(Map.of());
		setDefaultTargetDataSource(app);
		afterPropertiesSet();
	}

	/**
	 * Return the application's own data source.
	 * @return the data source
	 */
	DataSource app() {
		return this.app;
	}

	@Override
	protected Object determineCurrentLookupKey() {
		UserPool pool = UserScope.forConnection();
		return (pool != null) ? pool.key() : "app";
	}

	@Override
	protected DataSource determineTargetDataSource() {
		UserPool pool = UserScope.forConnection();
		return (pool != null) ? pool.dataSource() : this.app;
	}

	@Override
	public String toString() {
		return "UserRoutingDataSource[" + this.app + "]";
	}

}
