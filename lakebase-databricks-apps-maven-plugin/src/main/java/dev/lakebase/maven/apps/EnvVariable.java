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

import org.jspecify.annotations.Nullable;

/**
 * An {@code env} entry of {@code app.yaml}: a {@code value}, or {@code valueFrom} the key
 * of an app resource.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public class EnvVariable {

	private @Nullable String name;

	private @Nullable String value;

	private @Nullable String valueFrom;

	/**
	 * Returns the variable's name.
	 * @return the name
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * Sets the variable's name.
	 * @param name the name
	 */
	public void setName(@Nullable String name) {
		this.name = name;
	}

	/**
	 * Returns the literal value, if set.
	 * @return the value or {@code null}
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Sets a literal value.
	 * @param value the value
	 */
	public void setValue(@Nullable String value) {
		this.value = value;
	}

	/**
	 * Returns the resource key the value comes from, if set.
	 * @return the resource key or {@code null}
	 */
	public @Nullable String getValueFrom() {
		return this.valueFrom;
	}

	/**
	 * Sets the app resource key the value comes from.
	 * @param valueFrom the resource key
	 */
	public void setValueFrom(@Nullable String valueFrom) {
		this.valueFrom = valueFrom;
	}

	void validate() {
		if (this.name == null || this.name.isBlank()) {
			throw new LayoutException("An <env> entry has no <name>");
		}
		if ((this.value == null) == (this.valueFrom == null)) {
			throw new LayoutException("The <env> entry " + this.name + " needs exactly one of <value> and <valueFrom>");
		}
	}

}
