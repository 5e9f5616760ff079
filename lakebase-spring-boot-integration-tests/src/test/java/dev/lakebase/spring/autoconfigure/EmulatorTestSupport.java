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

import java.util.LinkedHashMap;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Shared pieces of the tests that run the auto-configuration against the emulator.
 */
final class EmulatorTestSupport {

	private EmulatorTestSupport() {
	}

	/**
	 * A runner given the environment Databricks Apps inject, and more properties.
	 */
	static ApplicationContextRunner appsRunner(LakebaseEmulator emulator, String... more) {
		return LakebaseTestSupport.runner().withPropertyValues(properties(appsEnvironment(emulator), more));
	}

	/**
	 * The environment Databricks Apps inject, without LAKEBASE_ENDPOINT (which only
	 * AppKit apps map).
	 */
	static Map<String, String> appsEnvironment(LakebaseEmulator emulator) {
		Map<String, String> env = new LinkedHashMap<>(emulator.environment());
		env.remove("LAKEBASE_ENDPOINT");
		return env;
	}

	static Map<String, String> environment(LakebaseEmulator emulator, EmulatedEndpoint endpoint) {
		return new LinkedHashMap<>(emulator.environment(emulator.identities().servicePrincipal(), endpoint));
	}

	static String[] properties(Map<String, String> values, String... more) {
		String[] properties = new String[values.size() + more.length];
		int i = 0;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			properties[i++] = entry.getKey() + "=" + entry.getValue();
		}
		System.arraycopy(more, 0, properties, i, more.length);
		return properties;
	}

}
