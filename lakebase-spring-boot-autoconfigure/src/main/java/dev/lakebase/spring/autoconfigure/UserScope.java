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
import java.util.concurrent.ForkJoinWorkerThread;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;

/**
 * The identity of the current thread's work: a user's (the pool its connections come
 * from), the app's, or unknown. A thread started inside a user scope does not inherit the
 * user's identity (a pool's thread would serve the next task as that user) but is marked
 * as started by one: its work may not run as the app unless a
 * {@link UserScopeTaskDecorator} or {@code LakebaseUsers.asApp} says whose it is. Nor may
 * work on the common fork-join pool (the default of {@code CompletableFuture} and of
 * parallel streams), which starts its threads without inheriting anything.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserScope {

	private static final ThreadLocal<@Nullable Object> current = new InheritableThreadLocal<>() {

		@Override
		protected @Nullable Object childValue(@Nullable Object parent) {
			return (parent instanceof UserPool || parent == Mark.STARTED_BY_USER) ? Mark.STARTED_BY_USER : null;
		}

	};

	private UserScope() {
	}

	/**
	 * Return the pool of the current thread's user scope.
	 * @return the pool, or {@code null} outside a user scope
	 */
	static @Nullable UserPool current() {
		return (current.get() instanceof UserPool pool) ? pool : null;
	}

	/**
	 * Return the pool a connection asked for on this thread comes from.
	 * @return the pool of the thread's user scope, or {@code null} for the app's
	 * @throws IllegalStateException when the thread's work may be a user's but runs
	 * outside their scope
	 */
	static @Nullable UserPool forConnection() {
		Object state = current.get();
		if (state instanceof UserPool pool) {
			return pool;
		}
		if (state != Mark.APP && unknown(state)) {
			throw new IllegalStateException(((state == Mark.STARTED_BY_USER)
					? "This thread was started inside a user scope (@AsUser, LakebaseUsers.asUser)"
					: "This thread belongs to the common fork-join pool (CompletableFuture's default, parallel "
							+ "streams)")
					+ " and has no scope of its own: its database work may be a user's, so it does not run as the "
					+ "app. Run it on Spring Boot's task executor (@Async, or pass the applicationTaskExecutor bean "
					+ "to CompletableFuture), which carries the user scope, or wrap work that is the app's in "
					+ "LakebaseUsers.asApp");
		}
		return null;
	}

	private static boolean unknown(@Nullable Object state) {
		if (state == Mark.STARTED_BY_USER) {
			// A server's request thread started by another one's async dispatch serves
			// its
			// own requests
			return RequestContextHolder.getRequestAttributes() == null;
		}
		return Thread.currentThread() instanceof ForkJoinWorkerThread worker
				&& worker.getPool() == ForkJoinPool.commonPool();
	}

	/**
	 * Run work in a user's scope on this thread.
	 * @param <T> the type of its result
	 * @param pool the user's pool
	 * @param work the work
	 * @return its result
	 * @throws Throwable what the work throws
	 */
	static <T> @Nullable T within(UserPool pool, Work<T> work) throws Throwable {
		return run(pool, work);
	}

	/**
	 * Run work as the app on this thread.
	 * @param <T> the type of its result
	 * @param work the work
	 * @return its result
	 * @throws Throwable what the work throws
	 */
	static <T> @Nullable T asApp(Work<T> work) throws Throwable {
		return run(Mark.APP, work);
	}

	/**
	 * Capture whose work the current thread does, to run a task it hands to another
	 * thread as the same identity.
	 * @return the identity, for {@link #carried}
	 */
	static Object capture() {
		Object state = current.get();
		if (state instanceof UserPool || state == Mark.APP) {
			return state;
		}
		return unknown(state) ? Mark.STARTED_BY_USER : Mark.APP;
	}

	/**
	 * Run work on this thread as a captured identity.
	 * @param <T> the type of its result
	 * @param captured what {@link #capture} returned
	 * @param work the work
	 * @return its result
	 * @throws Throwable what the work throws
	 */
	static <T> @Nullable T carried(Object captured, Work<T> work) throws Throwable {
		return run(captured, work);
	}

	/**
	 * Run work that throws only what a {@code Supplier} or {@code Runnable} may.
	 * @param <T> the type of its result
	 * @param work the work
	 * @return its result
	 */
	static <T> @Nullable T unchecked(Work<T> work) {
		try {
			return work.run();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static <T> @Nullable T run(Object state, Work<T> work) throws Throwable {
		Object previous = current.get();
		current.set(state);
		try {
			return work.run();
		}
		finally {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		}
	}

	/**
	 * Identities that are not a user's.
	 */
	private enum Mark {

		/** The app's, said so explicitly. */
		APP,

		/** Unknown: the thread was started inside a user scope. */
		STARTED_BY_USER

	}

	/**
	 * Work that may throw anything, such as a method invocation.
	 *
	 * @param <T> the type of its result
	 */
	@FunctionalInterface
	interface Work<T> {

		@Nullable T run() throws Throwable;

	}

}
