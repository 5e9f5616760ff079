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

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the identity of the thread that submits a task to the thread that runs it, so
 * that {@code @Async} work started as a user runs as that user, never as the app, and
 * work submitted as the app runs as the app on any of the executor's threads. Spring
 * Boot's task executors take it as their decorator.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserScopeTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		Object captured = UserScope.capture();
		UserPool pool = (captured instanceof UserPool user) ? user : null;
		if (pool != null) {
			// The pool stays open (not evicted as idle) until the task has run
			pool.enter();
		}
		return () -> {
			try {
				UserScope.unchecked(() -> UserScope.carried(captured, () -> {
					runnable.run();
					return null;
				}));
			}
			finally {
				if (pool != null) {
					pool.exit();
				}
			}
		};
	}

}
