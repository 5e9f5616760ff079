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

package dev.lakebase.maven.apps;

import java.util.Locale;

/**
 * File sizes as people read them: decimal megabytes, as the Databricks Apps limit is
 * stated.
 *
 * @author Lakebase Spring Boot contributors
 */
final class Sizes {

	private Sizes() {
	}

	static String describe(long bytes) {
		// Below what rounds to 1000.0 kB, which reads as 1.0 MB
		if (bytes < 999_950) {
			return String.format(Locale.ROOT, "%.1f kB", bytes / 1_000.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
	}

}
