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

package dev.lakebase.spring.test.apps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An app's {@code app.yaml}: the command the runtime runs and the variables it sets.
 *
 * @author Lakebase Spring Boot contributors
 */
final class AppYaml {

	private final Map<String, Object> descriptor;

	private AppYaml(Map<String, Object> descriptor) {
		this.descriptor = descriptor;
	}

	static AppYaml read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			if (!(yaml instanceof Map<?, ?> map)) {
				throw new IOException(file + " is not a YAML mapping");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> descriptor = (Map<String, Object>) map;
			return new AppYaml(descriptor);
		}
	}

	/**
	 * Return the command, as a list.
	 * @return the command
	 * @throws IllegalStateException if there is none
	 */
	List<String> command() {
		if (!(this.descriptor.get("command") instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalStateException("app.yaml has no command list");
		}
		return list.stream().map(String::valueOf).toList();
	}

	/**
	 * Return the variables of {@code env} that have a value.
	 * @return the variables
	 * @throws IOException if an entry has no name, or takes its value from an app
	 * resource
	 */
	Map<String, String> env() throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		if (this.descriptor.get("env") instanceof List<?> entries) {
			for (Object entry : entries) {
				if (!(entry instanceof Map<?, ?> variable) || !(variable.get("name") instanceof String name)) {
					throw new IOException("app.yaml env entry without a name: " + entry);
				}
				if (variable.get("value") == null) {
					throw new IOException("app.yaml env " + name
							+ " takes its value from an app resource (valueFrom), which this runtime does not have");
				}
				env.put(name, String.valueOf(variable.get("value")));
			}
		}
		return env;
	}

}
