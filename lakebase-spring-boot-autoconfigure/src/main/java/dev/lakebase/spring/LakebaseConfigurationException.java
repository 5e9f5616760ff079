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

package dev.lakebase.spring;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when the Lakebase connection cannot be configured: a missing or
 * invalid value, or a workspace lookup that failed. Carries the fix, which
 * {@link LakebaseFailureAnalyzer} reports.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public class LakebaseConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public LakebaseConfigurationException(String description, String action) {
		this(description, action, null);
	}

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 * @param cause the underlying error
	 */
	public LakebaseConfigurationException(String description, String action, @Nullable Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/**
	 * Return how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
