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

import org.jspecify.annotations.Nullable;

/**
 * The user scope of the current thread: the user whose pool its connections come from. A
 * plain thread-local, never inherited: a thread another one starts, or a pool's thread,
 * runs as the app unless a {@link UserScopeTaskDecorator} carries the scope over.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserScope {

	private static final ThreadLocal<@Nullable UserPool> current = new ThreadLocal<>();

	private UserScope() {
	}

	/**
	 * Return the pool of the current thread's user scope.
	 * @return the pool, or {@code null} outside a user scope
	 */
	static @Nullable UserPool current() {
		return current.get();
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
		UserPool previous = current.get();
		current.set(pool);
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
	 * Work that may throw anything, such as a method invocation.
	 *
	 * @param <T> the type of its result
	 */
	@FunctionalInterface
	interface Work<T> {

		@Nullable T run() throws Throwable;

	}

}
