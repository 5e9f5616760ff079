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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The default methods of {@link LakebaseUsers}: the {@code Runnable} forms go through the
 * {@code Supplier} forms an implementation overrides, and {@code asApp} runs the work as
 * it is where an implementation has nothing to switch.
 */
class LakebaseUsersTests {

	@Test
	void runAsUserGoesThroughAsUser() {
		RecordingUsers users = new RecordingUsers();
		List<String> ran = new ArrayList<>();
		users.runAsUser(() -> ran.add("work"));
		assertThat(ran).containsExactly("work");
		assertThat(users.calls).containsExactly("asUser");
	}

	@Test
	void runAsAppGoesThroughAsApp() {
		RecordingUsers users = new RecordingUsers();
		List<String> ran = new ArrayList<>();
		users.runAsApp(() -> ran.add("work"));
		assertThat(ran).containsExactly("work");
		assertThat(users.calls).containsExactly("asApp");
	}

	@Test
	void asAppRunsTheWorkAndPassesOnItsResultAndFailure() {
		LakebaseUsers users = new LakebaseUsers() {

			@Override
			public <T> T asUser(Supplier<T> work) {
				throw new UnsupportedOperationException();
			}

			@Override
			public @Nullable String currentUser() {
				return null;
			}

		};
		assertThat(users.asApp(() -> 42)).isEqualTo(42);
		assertThatIllegalArgumentException().isThrownBy(() -> users.runAsApp(() -> {
			throw new IllegalArgumentException("failed");
		})).withMessage("failed");
	}

	private static final class RecordingUsers implements LakebaseUsers {

		private final List<String> calls = new ArrayList<>();

		@Override
		public <T> T asUser(Supplier<T> work) {
			this.calls.add("asUser");
			return work.get();
		}

		@Override
		public <T> T asApp(Supplier<T> work) {
			this.calls.add("asApp");
			return work.get();
		}

		@Override
		public @Nullable String currentUser() {
			return null;
		}

	}

}
