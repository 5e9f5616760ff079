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

package dev.lakebase.benchmarks;

import java.util.Locale;

/**
 * The Markdown report the suite writes, line by line.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	/**
	 * Add a line, formatted with {@link String#format} in the root locale.
	 */
	void line(String format, Object... args) {
		this.text.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
