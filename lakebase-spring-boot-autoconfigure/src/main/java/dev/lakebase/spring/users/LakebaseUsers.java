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

package dev.lakebase.spring.users;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs database work as the user whose request it serves, as {@link AsUser} does for a
 * method: inject it where an annotation does not fit.
 *
 * <pre class="code">
 * List&lt;Note&gt; notes = users.asUser(() -&gt; repository.findAll());
 * </pre>
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface LakebaseUsers {

	/**
	 * Run work as the requesting user and return its result.
	 * @param <T> the type of the result
	 * @param work the work
	 * @return its result
	 * @throws UserAccessException when the request cannot be run as its user
	 * @throws IllegalStateException inside a transaction that runs as the app
	 */
	<T> T asUser(Supplier<T> work);

	/**
	 * Run work as the requesting user.
	 * @param work the work
	 * @throws UserAccessException when the request cannot be run as its user
	 * @throws IllegalStateException inside a transaction that runs as the app
	 */
	default void runAsUser(Runnable work) {
		asUser(() -> {
			work.run();
			return null;
		});
	}

	/**
	 * Run work as the app, where the starter cannot tell whose work it is: on a thread
	 * started inside a user scope, or on the common fork-join pool (the default of
	 * {@code CompletableFuture} and parallel streams). There, database work outside
	 * {@code asApp} fails rather than run as the app on a user's behalf. Inside a user
	 * scope, {@code asApp} runs work as the app, for example to write an audit row.
	 * @param <T> the type of the result
	 * @param work the work
	 * @return its result
	 * @throws IllegalStateException inside a transaction that runs as a user
	 * @since 0.1.0
	 */
	default <T> T asApp(Supplier<T> work) {
		return work.get();
	}

	/**
	 * Run work as the app, as {@link #asApp(Supplier)} does.
	 * @param work the work
	 * @throws IllegalStateException inside a transaction that runs as a user
	 * @since 0.1.0
	 */
	default void runAsApp(Runnable work) {
		asApp(() -> {
			work.run();
			return null;
		});
	}

	/**
	 * Return the user the current thread's work runs as.
	 * @return the user's identity (their Postgres role), or {@code null} outside a user
	 * scope
	 */
	@Nullable String currentUser();

}
