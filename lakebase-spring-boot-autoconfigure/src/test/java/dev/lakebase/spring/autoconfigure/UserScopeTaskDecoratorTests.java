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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link UserScopeTaskDecorator}: a task runs as whoever submitted it (a user, or the
 * app) on the thread that runs it, and only there; the user's pool stays open until the
 * task has run, also when it fails.
 */
class UserScopeTaskDecoratorTests {

	private final UserScopeFixture users = new UserScopeFixture();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final UserScopeTaskDecorator decorator = new UserScopeTaskDecorator();

	@AfterEach
	void close() {
		this.users.close();
		this.executor.shutdownNow();
	}

	@Test
	void aTaskSubmittedInAScopeRunsInItOnItsThreadAndLeavesNoScopeThere() throws Throwable {
		UserPool pool = this.users.openPool();
		AtomicReference<UserPool> seen = new AtomicReference<>();
		Runnable task = UserScope.within(pool, () -> this.decorator.decorate(() -> seen.set(UserScope.current())));
		assertThat(pool.idle()).as("a submitted task keeps its pool from being closed").isFalse();
		this.executor.submit(task).get(10, TimeUnit.SECONDS);
		assertThat(seen.get()).isSameAs(pool);
		assertThat(pool.idle()).isTrue();
		AtomicReference<UserPool> after = new AtomicReference<>(pool);
		this.executor.submit(() -> after.set(UserScope.current())).get(10, TimeUnit.SECONDS);
		assertThat(after.get()).isNull();
	}

	@Test
	void aTaskThatFailsReleasesItsPoolAndItsThread() throws Throwable {
		UserPool pool = this.users.openPool();
		Runnable task = UserScope.within(pool, () -> this.decorator.decorate(() -> {
			throw new IllegalArgumentException("the task failed");
		}));
		assertThat(pool.idle()).isFalse();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.executor.submit(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
			return UserScope.current();
		}).get(10, TimeUnit.SECONDS);
		assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class).hasMessage("the task failed");
		assertThat(pool.idle()).as("the pool may close once the task has ended").isTrue();
		AtomicReference<UserPool> after = new AtomicReference<>(pool);
		this.executor.submit(() -> after.set(UserScope.current())).get(10, TimeUnit.SECONDS);
		assertThat(after.get()).isNull();
	}

	@Test
	void aTaskSubmittedAsTheAppRunsAsTheAppOnAThreadStartedInsideAScope() throws Throwable {
		UserPool pool = this.users.openPool();
		// The executor's one thread starts for a task submitted in the user scope
		Runnable first = UserScope.within(pool, () -> this.decorator.decorate(() -> {
		}));
		UserScope.within(pool, () -> this.executor.submit(first)).get(10, TimeUnit.SECONDS);
		AtomicReference<Object> decorated = new AtomicReference<>();
		this.executor.submit(this.decorator.decorate(() -> decorated.set(this.users.target())))
			.get(10, TimeUnit.SECONDS);
		assertThat(decorated.get()).isSameAs(this.users.app);
		AtomicReference<Object> undecorated = new AtomicReference<>();
		this.executor.submit(() -> undecorated.set(this.users.target())).get(10, TimeUnit.SECONDS);
		assertThat(undecorated.get()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aTaskSubmittedAsTheAppInsideAScopeRunsAsTheApp() throws Throwable {
		UserPool pool = this.users.openPool();
		Runnable task = UserScope.within(pool, () -> UserScope
			.asApp(() -> this.decorator.decorate(() -> assertThat(this.users.target()).isSameAs(this.users.app))));
		assertThat(pool.idle()).as("an app task holds no user's pool").isTrue();
		this.executor.submit(task).get(10, TimeUnit.SECONDS);
	}

	@Test
	void aTaskSubmittedFromTheCommonPoolMayNotConnectAsTheApp() throws Exception {
		Runnable task = ForkJoinPool.commonPool()
			.submit(() -> this.decorator.decorate(this.users.routing::determineTargetDataSource))
			.get(10, TimeUnit.SECONDS);
		assertThatIllegalStateException().isThrownBy(task::run).withMessageContaining("started inside a user scope");
	}

}
