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

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserAccessException}: the status and the generic problem detail a user is
 * answered with, and {@code Retry-After} when trying again later may help.
 */
class UserAccessExceptionTests {

	@Test
	void aRefusalIsItsStatusWithAGenericBody() {
		IllegalStateException cause = new IllegalStateException("the role ada@example.com does not exist");
		UserAccessException ex = new UserAccessException(HttpStatus.FORBIDDEN, "User may not log in", null, cause);
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(ex.getMessage()).isEqualTo("User may not log in");
		assertThat(ex.getBody().getStatus()).isEqualTo(403);
		assertThat(ex.getBody().getDetail()).isNull();
		assertThat(String.valueOf(ex.getBody())).doesNotContain("ada@example.com");
		assertThat(ex.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
		assertThat(ex.getRetryAfter()).isNull();
		assertThat(ex.getCause()).isSameAs(cause);
	}

	@Test
	void unavailableSaysWhenToTryAgainInWholeSecondsAtLeastOne() {
		UserAccessException ex = new UserAccessException(HttpStatus.SERVICE_UNAVAILABLE, "Too many",
				Duration.ofMillis(1500), null);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofMillis(1500));
		UserAccessException soon = new UserAccessException(HttpStatus.SERVICE_UNAVAILABLE, "Too many",
				Duration.ofMillis(10), null);
		assertThat(soon.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

}
