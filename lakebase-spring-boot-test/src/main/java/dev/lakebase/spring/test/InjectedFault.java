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

package dev.lakebase.spring.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one faulty workspace call gets.
 *
 * @param status the HTTP status to answer, or 0 for a hang
 * @param hang how long a hang lasts before the call is answered 503
 * @author Lakebase Spring Boot contributors
 */
record InjectedFault(int status, @Nullable Duration hang) {

	/**
	 * Return whether the call hangs before it is answered.
	 * @return whether this is a hang
	 */
	boolean isHang() {
		return this.status == 0;
	}

}
