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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property table of docs/configuration-properties.md lists exactly the properties of
 * the generated configuration metadata, each with its default.
 */
class ReadmePropertiesTests {

	private static final Pattern ROW = Pattern
		.compile("^\\| `((?:management\\.health\\.)?lakebase\\.[^`]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

	@Test
	void readmeTableMatchesConfigurationMetadata() throws IOException {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
		Map<String, String> expected = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode defaultValue = property.get("defaultValue");
			expected.put(property.get("name").asString(),
					(defaultValue != null && !defaultValue.isNull()) ? "`" + defaultValue.asString() + "`" : "");
		}
		assertThat(expected).hasSizeGreaterThan(30);
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(Files.readString(Path.of("../docs/configuration-properties.md")));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).trim());
		}
		assertThat(documented).as("docs/configuration-properties.md (name to default)").isEqualTo(expected);
	}

}
