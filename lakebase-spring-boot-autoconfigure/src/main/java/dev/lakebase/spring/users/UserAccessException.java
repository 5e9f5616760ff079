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

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request that cannot run as its user. Spring MVC answers it with its status and a
 * generic body: 401 without a user token, 403 when the token, its e-mail or the user's
 * database access do not allow it, 503 with {@code Retry-After} when every user pool is
 * busy or the workspace is asked for too many credentials at once. Its message is for the
 * log, not for the user; the starter logs what to fix.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public class UserAccessException extends ErrorResponseException {

	private final String message;

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception.
	 * @param status 401, 403 or 503
	 * @param message what happened, for the log
	 * @param retryAfter when to try again (for 503), or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public UserAccessException(HttpStatus status, String message, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(status, ProblemDetail.forStatus(status), cause);
		this.retryAfter = retryAfter;
		if (retryAfter != null) {
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		this.message = message;
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	/**
	 * Return when to try again.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
