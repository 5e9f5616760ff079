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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserScope}, {@link UserRoutingDataSource} and {@link UserScopeTaskDecorator}:
 * the data source of a thread's user scope, the app's outside one, and a scope carried to
 * the thread that runs a task, and only there.
 */
class UserScopeTests {

	private final HikariDataSource userDataSource = new HikariDataSource();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void close() {
		this.userDataSource.close();
		this.executor.shutdownNow();
	}

	@Test
	void connectionsComeFromTheUsersPoolInsideAScopeAndFromTheAppsOutside() throws Throwable {
		DataSource app = new DriverManagerDataSource("jdbc:postgresql://app.example.com/db");
		UserRoutingDataSource routing = new UserRoutingDataSource(app);
		UserPool pool = new UserPool("ada@example.com");
		pool.open(this.userDataSource);
		assertThat(routing.determineTargetDataSource()).isSameAs(app);
		DataSource inside = UserScope.within(pool, routing::determineTargetDataSource);
		assertThat(inside).isSameAs(this.userDataSource);
		assertThat(routing.determineTargetDataSource()).isSameAs(app);
		assertThat(UserScope.current()).isNull();
	}

	@Test
	void aTaskSubmittedInAScopeRunsInItOnItsThreadAndLeavesNoScopeThere() throws Throwable {
		UserPool pool = new UserPool("ada@example.com");
		pool.open(this.userDataSource);
		UserScopeTaskDecorator decorator = new UserScopeTaskDecorator();
		AtomicReference<UserPool> seen = new AtomicReference<>();
		Runnable task = UserScope.within(pool, () -> decorator.decorate(() -> seen.set(UserScope.current())));
		assertThat(pool.idle()).as("a submitted task keeps its pool from being closed").isFalse();
		CompletableFuture.runAsync(task, this.executor).get(10, TimeUnit.SECONDS);
		assertThat(seen.get()).isSameAs(pool);
		assertThat(pool.idle()).isTrue();
		AtomicReference<UserPool> after = new AtomicReference<>(pool);
		CompletableFuture.runAsync(() -> after.set(UserScope.current()), this.executor).get(10, TimeUnit.SECONDS);
		assertThat(after.get()).isNull();
	}

	@Test
	void aTaskSubmittedOutsideAScopeIsLeftAsItIs() {
		Runnable task = () -> {
		};
		assertThat(new UserScopeTaskDecorator().decorate(task)).isSameAs(task);
	}

}
