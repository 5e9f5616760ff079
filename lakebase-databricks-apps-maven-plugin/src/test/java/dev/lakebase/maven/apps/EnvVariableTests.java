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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EnvVariable}: an {@code <env>} entry of the plugin's configuration has a name
 * and exactly one of a value and a resource reference.
 */
class EnvVariableTests {

	@Test
	void aNameWithAValueOrAValueFromIsValid() {
		assertThatCode(() -> variable("JAVA_TOOL_OPTIONS", "-Xmx512m", null).validate()).doesNotThrowAnyException();
		assertThatCode(() -> variable("PGHOST", null, "database").validate()).doesNotThrowAnyException();
	}

	@Test
	void anEntryWithoutANameOrWithBothOrNeitherValueIsRefusedNamingIt() {
		assertThatExceptionOfType(LayoutException.class).isThrownBy(() -> variable(" ", "x", null).validate())
			.withMessage("An <env> entry has no <name>");
		assertThatExceptionOfType(LayoutException.class)
			.isThrownBy(() -> variable("PGHOST", "x", "database").validate())
			.withMessage("The <env> entry PGHOST needs exactly one of <value> and <valueFrom>");
		assertThatExceptionOfType(LayoutException.class).isThrownBy(() -> variable("PGHOST", null, null).validate())
			.withMessageContaining("exactly one of");
	}

	static EnvVariable variable(String name, String value, String valueFrom) {
		EnvVariable variable = new EnvVariable();
		variable.setName(name);
		variable.setValue(value);
		variable.setValueFrom(valueFrom);
		return variable;
	}

}
