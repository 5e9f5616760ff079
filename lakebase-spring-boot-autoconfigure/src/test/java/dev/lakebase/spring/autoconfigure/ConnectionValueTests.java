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

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectionValue}: a property wins over the variable Databricks Apps inject,
 * blanks count as unset, and errors name the one to fix.
 */
class ConnectionValueTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("PGHOST", " env.example.com ");

	@Test
	void aPropertyWinsOverTheVariableAndIsTrimmed() {
		ConnectionValue value = ConnectionValue.of(" prop.example.com ", "lakebase.host", this.environment, "PGHOST");
		assertThat(value).isEqualTo(new ConnectionValue("prop.example.com", "lakebase.host"));
	}

	@Test
	void aBlankPropertyFallsBackToTheVariable() {
		ConnectionValue value = ConnectionValue.of("  ", "lakebase.host", this.environment, "PGHOST");
		assertThat(value).isEqualTo(new ConnectionValue("env.example.com", "PGHOST"));
	}

	@Test
	void neitherSetNamesBothAndIsAbsent() {
		ConnectionValue value = ConnectionValue.of(null, "lakebase.port", this.environment, "PGPORT");
		assertThat(value.isPresent()).isFalse();
		assertThat(value.source()).isEqualTo("lakebase.port (or PGPORT)");
		assertThat(value.orElse("5432")).isEqualTo("5432");
		assertThat(value.<Integer>map(Integer::valueOf)).isNull();
	}

	@Test
	void aPropertyOnlyValueIgnoresBlanks() {
		assertThat(ConnectionValue.ofProperty(" ", "lakebase.branch").isPresent()).isFalse();
		assertThat(ConnectionValue.ofProperty(" dev ", "lakebase.branch").value()).isEqualTo("dev");
	}

	@Test
	void anInvalidValueNamesItsSourceAndTheAcceptedForm() {
		ConnectionValue value = ConnectionValue.of(null, "lakebase.port",
				new MockEnvironment().withProperty("PGPORT", "x"), "PGPORT");
		LakebaseConfigurationException ex = value.invalid("a port number");
		assertThat(ex).hasMessageContaining("PGPORT is 'x'");
		assertThat(ex.getAction()).isEqualTo("Set PGPORT to a port number.");
		assertThat(value.map(String::length)).isEqualTo(1);
	}

}
