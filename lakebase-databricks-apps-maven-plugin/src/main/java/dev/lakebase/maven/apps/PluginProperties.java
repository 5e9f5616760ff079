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

import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The plugin's settings under their earlier names, {@code lakebase.databricks-app.*}:
 * read from the build's user properties ({@code -D}), the project's properties, then
 * system properties, when the setting is not given under its own name, with a warning
 * that names the new one. (Those names sat in the starter's {@code lakebase.*} namespace,
 * where Maven's {@code -D} reaches the tests as system properties.)
 *
 * @author Lakebase Spring Boot contributors
 */
final class PluginProperties {

	static final String PREFIX = "lakebase-databricks-apps.";

	static final String DEPRECATED_PREFIX = "lakebase.databricks-app.";

	private final Properties[] sources;

	private final Consumer<String> warn;

	PluginProperties(Properties user, Properties project, Properties system, Consumer<String> warn) {
		this.sources = new Properties[] { user, project, system };
		this.warn = warn;
	}

	/**
	 * Return a setting: as configured, else under its deprecated name, else the default.
	 * @param <T> its type
	 * @param configured the value Maven set under the setting's own name, or {@code null}
	 * @param name the name after the prefix
	 * @param parse how to read the deprecated property
	 * @param fallback the default
	 * @return the value
	 * @throws IllegalArgumentException if the deprecated property cannot be read
	 */
	<T> T get(@Nullable T configured, String name, Function<String, T> parse, T fallback) {
		if (configured != null) {
			return configured;
		}
		T deprecated = deprecated(name, parse);
		return (deprecated != null) ? deprecated : fallback;
	}

	/**
	 * Return the value of a setting under its deprecated name, warning when it is set.
	 * @param <T> its type
	 * @param name the name after the prefix
	 * @param parse how to read it
	 * @return the value, or {@code null}
	 * @throws IllegalArgumentException if it cannot be read
	 */
	<T> @Nullable T deprecated(String name, Function<String, T> parse) {
		for (Properties source : this.sources) {
			String value = source.getProperty(DEPRECATED_PREFIX + name);
			if (value != null) {
				this.warn.accept(DEPRECATED_PREFIX + name + " is deprecated: use " + PREFIX + name);
				try {
					return parse.apply(value);
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException(
							DEPRECATED_PREFIX + name + " is '" + value + "', which is not a valid value", ex);
				}
			}
		}
		return null;
	}

}
