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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link UserScope}: the pool of a thread's user scope, none outside one, and no
 * connection as the app where the work may be a user's (threads started inside a scope,
 * the common fork-join pool) unless it says it is the app's.
 */
class UserScopeTests {

	private final UserScopeFixture users = new UserScopeFixture();

	@AfterEach
	void close() {
		this.users.close();
	}

	@Test
	void aScopeInsideAnotherReturnsToItAndNoScopeIsLeftAfterTheOuterOne() throws Throwable {
		UserPool ada = this.users.openPool();
		UserPool grace = new UserPool("grace@example.com");
		List<UserPool> seen = UserScope.within(ada,
				() -> List.of(UserScope.within(grace, UserScope::current), UserScope.current()));
		assertThat(seen).containsExactly(grace, ada);
		assertThat(UserScope.current()).isNull();
		assertThatIllegalStateException().isThrownBy(() -> UserScope.within(ada, () -> {
			throw new IllegalStateException("failed in the scope");
		}));
		assertThat(UserScope.current()).as("after a failure").isNull();
	}

	@Test
	void aThreadStartedInsideAScopeMayNotConnectAsTheApp() throws Throwable {
		assertThreadsStartedInsideAScopeMayNotConnectAsTheApp(UserScopeTests::platformThread);
	}

	@Test
	void aVirtualThreadStartedInsideAScopeMayNotConnectAsTheApp() throws Throwable {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later to run the tests");
		assertThreadsStartedInsideAScopeMayNotConnectAsTheApp(UserScopeTests::virtualThread);
	}

	private void assertThreadsStartedInsideAScopeMayNotConnectAsTheApp(ThreadStarter starter) throws Throwable {
		UserPool pool = this.users.openPool();
		AtomicReference<Object> seen = new AtomicReference<>();
		UserScope.within(pool, () -> starter.start(() -> seen.set(this.users.target()))).join(10_000);
		assertThat(seen.get()).isInstanceOf(IllegalStateException.class);
		assertThat(((Throwable) seen.get())).hasMessageContaining("started inside a user scope")
			.hasMessageContaining("LakebaseUsers.asApp");
		UserScope
			.within(pool,
					() -> starter.start(() -> seen.set(UserScope.unchecked(() -> UserScope.asApp(this.users::target)))))
			.join(10_000);
		assertThat(seen.get()).isSameAs(this.users.app);
	}

	private static Thread platformThread(Runnable runnable) {
		Thread thread = new Thread(runnable);
		thread.start();
		return thread;
	}

	/** Virtual threads, on the Java that runs the tests (the code compiles for 17). */
	private static Thread virtualThread(Runnable runnable) throws Exception {
		return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, runnable);
	}

	@FunctionalInterface
	private interface ThreadStarter {

		Thread start(Runnable runnable) throws Exception;

	}

	@Test
	void workOnTheCommonPoolMayNotConnectAsTheAppUnlessItSaysSo() throws Exception {
		Object target = ForkJoinPool.commonPool().submit(this.users::target).get(10, TimeUnit.SECONDS);
		assertThat(target).isInstanceOf(IllegalStateException.class);
		assertThat((Throwable) target).hasMessageContaining("common fork-join pool");
		Object asApp = ForkJoinPool.commonPool()
			.submit(() -> UserScope.unchecked(() -> UserScope.asApp(this.users::target)))
			.get(10, TimeUnit.SECONDS);
		assertThat(asApp).isSameAs(this.users.app);
	}

	@Test
	void aCompletableFutureStartedInsideAScopeMayNotConnectAsTheApp() throws Throwable {
		// Its default executor is the common pool, or a thread per task on one or two
		// cores
		UserPool pool = this.users.openPool();
		Object target = UserScope.within(pool, () -> CompletableFuture.supplyAsync(this.users::target))
			.get(10, TimeUnit.SECONDS);
		assertThat(target).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aParallelStreamInsideAScopeNeverConnectsAsTheApp() throws Throwable {
		UserPool pool = this.users.openPool();
		List<Object> targets = UserScope.within(pool,
				() -> IntStream.range(0, 200).parallel().mapToObj((i) -> this.users.target()).toList());
		assertThat(targets).doesNotContain(this.users.app).contains(this.users.userDataSource);
	}

	@Test
	void aRequestThreadStartedInsideAScopeServesItsOwnRequestsAsTheApp() throws Throwable {
		UserPool pool = this.users.openPool();
		AtomicReference<Object> seen = new AtomicReference<>();
		Thread thread = UserScope.within(pool, () -> new Thread(() -> {
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
			try {
				seen.set(this.users.target());
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
			}
		}));
		thread.start();
		thread.join(10_000);
		assertThat(seen.get()).isSameAs(this.users.app);
	}

	@Test
	void asAppInsideAScopeRunsAsTheAppAndReturnsToTheScope() throws Throwable {
		UserPool pool = this.users.openPool();
		List<Object> seen = UserScope.within(pool,
				() -> List.of(UserScope.unchecked(() -> UserScope.asApp(this.users::target)), this.users.target()));
		assertThat(seen).containsExactly(this.users.app, this.users.userDataSource);
	}

}
