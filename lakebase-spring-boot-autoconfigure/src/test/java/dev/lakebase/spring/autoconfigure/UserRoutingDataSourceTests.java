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

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserRoutingDataSource}: the user's pool inside a user scope, the app's data
 * source outside one and as the app, and no data source where the work may be a user's
 * but has no scope.
 */
class UserRoutingDataSourceTests {

	private final UserScopeFixture users = new UserScopeFixture();

	@AfterEach
	void close() {
		this.users.close();
	}

	@Test
	void connectionsComeFromTheUsersPoolInsideAScopeAndFromTheAppsOutside() throws Throwable {
		UserPool pool = this.users.openPool();
		assertThat(this.users.routing.determineTargetDataSource()).isSameAs(this.users.app);
		DataSource inside = UserScope.within(pool, this.users.routing::determineTargetDataSource);
		assertThat(inside).isSameAs(this.users.userDataSource);
		assertThat(this.users.routing.determineTargetDataSource()).isSameAs(this.users.app);
		assertThat(this.users.routing.app()).isSameAs(this.users.app);
	}

	@Test
	void theLookupKeyNamesTheUserOrTheApp() throws Throwable {
		UserPool pool = this.users.openPool();
		assertThat(this.users.routing.determineCurrentLookupKey()).isEqualTo("app");
		assertThat(UserScope.within(pool, this.users.routing::determineCurrentLookupKey)).isEqualTo(pool.key())
			.isNotEqualTo("app");
		assertThat(UserScope.within(pool, () -> UserScope.asApp(this.users.routing::determineCurrentLookupKey)))
			.isEqualTo("app");
	}

	@Test
	void workOnTheCommonPoolGetsNoDataSourceUnlessItIsTheApps() throws Exception {
		Throwable failure = ForkJoinPool.commonPool().submit(() -> {
			try {
				this.users.routing.getConnection();
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		}).get(10, TimeUnit.SECONDS);
		assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("common fork-join pool");
		Object asApp = ForkJoinPool.commonPool()
			.submit(() -> UserScope.unchecked(() -> UserScope.asApp(this.users.routing::determineTargetDataSource)))
			.get(10, TimeUnit.SECONDS);
		assertThat(asApp).isSameAs(this.users.app);
	}

}
