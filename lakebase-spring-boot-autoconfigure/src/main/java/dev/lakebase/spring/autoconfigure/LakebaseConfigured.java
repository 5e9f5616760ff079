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

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Whether the environment names a Lakebase connection, decided in one place for what
 * starts early (the Databricks SDK's preparation) and what reports a back-off.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseConfigured {

	/**
	 * The variables the starter reads by these names, not as relaxed properties.
	 */
	static final List<String> VARIABLES = List.of("LAKEBASE_ENDPOINT", "LAKEBASE_INSTANCE_NAME", "LAKEBASE_PROJECT");

	/**
	 * Names whose value alone points at Lakebase.
	 */
	private static final List<String> TARGETS = List.of("lakebase.endpoint", "LAKEBASE_ENDPOINT", "lakebase.host",
			"lakebase.project", "LAKEBASE_PROJECT", "lakebase.instance-name", "LAKEBASE_INSTANCE_NAME");

	private static final List<String> NATIVE_PASSWORDS = List.of("lakebase.password", "PGPASSWORD");

	private LakebaseConfigured() {
	}

	/**
	 * Say what names a Lakebase connection: a target above, or {@code PGHOST} on
	 * Databricks Apps or beside {@code DATABRICKS_HOST} (alone it may be any PostgreSQL
	 * client's).
	 * @param environment the environment
	 * @return what names it, such as {@code "LAKEBASE_ENDPOINT is set"}, or {@code null}
	 */
	static @Nullable String named(Environment environment) {
		for (String name : TARGETS) {
			if (StringUtils.hasText(environment.getProperty(name))) {
				return name + " is set";
			}
		}
		if (StringUtils.hasText(environment.getProperty("PGHOST"))) {
			for (String name : List.of("DATABRICKS_APP_NAME", "DATABRICKS_HOST")) {
				if (StringUtils.hasText(environment.getProperty(name))) {
					return "PGHOST and " + name + " are set";
				}
			}
		}
		return null;
	}

	/**
	 * Whether the connection may need the workspace: a target is named or {@code PGHOST}
	 * is set (the endpoint is then found by its host), and no native password is.
	 * @param environment the environment
	 * @return whether the workspace may be called
	 */
	static boolean mayNeedWorkspace(Environment environment) {
		for (String name : NATIVE_PASSWORDS) {
			if (StringUtils.hasText(environment.getProperty(name))) {
				return false;
			}
		}
		return named(environment) != null || StringUtils.hasText(environment.getProperty("PGHOST"));
	}

}
