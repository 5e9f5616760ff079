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

import java.util.function.Function;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * One connection value and where it came from: a {@code lakebase.*} property or the
 * environment variable Databricks Apps inject, so that errors can name the one to fix.
 *
 * @param value the value, or {@code null} when neither is set
 * @param source the property or variable the value came from, or both names when unset
 * @author Lakebase Spring Boot contributors
 */
record ConnectionValue(@Nullable String value, String source) {

	static ConnectionValue of(@Nullable String propertyValue, String property, Environment environment,
			String variable) {
		if (StringUtils.hasText(propertyValue)) {
			return new ConnectionValue(propertyValue.trim(), property);
		}
		String fromEnvironment = environment.getProperty(variable);
		if (StringUtils.hasText(fromEnvironment)) {
			return new ConnectionValue(fromEnvironment.trim(), variable);
		}
		return new ConnectionValue(null, property + " (or " + variable + ")");
	}

	static ConnectionValue ofProperty(@Nullable String propertyValue, String property) {
		return new ConnectionValue(StringUtils.hasText(propertyValue) ? propertyValue.trim() : null, property);
	}

	boolean isPresent() {
		return this.value != null;
	}

	String orElse(String fallback) {
		return (this.value != null) ? this.value : fallback;
	}

	<T> @Nullable T map(Function<String, T> mapper) {
		return (this.value != null) ? mapper.apply(this.value) : null;
	}

	LakebaseConfigurationException invalid(String acceptedForm) {
		return new LakebaseConfigurationException(
				"Invalid Lakebase configuration: " + this.source + " is '" + this.value + "'.",
				"Set " + this.source + " to " + acceptedForm + ".");
	}

}
