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

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that masks Lakebase and Databricks secrets in the {@code env} and
 * {@code configprops} Actuator endpoints, including with {@code show-values=always}:
 * {@code lakebase.password}, {@code lakebase.databricks.client-secret},
 * {@code lakebase.databricks.token} and the variables {@code PGPASSWORD},
 * {@code DATABRICKS_CLIENT_SECRET} and {@code DATABRICKS_TOKEN}, in any relaxed form, and
 * the native password the starter hands to the pool, which {@code configprops} reports as
 * {@code spring.datasource.hikari.password}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class LakebaseSanitizingAutoConfiguration {

	private static final Set<String> SECRET_KEYS = Set.of("lakebasepassword", "lakebasedatabricksclientsecret",
			"lakebasedatabrickstoken", "pgpassword", "databricksclientsecret", "databrickstoken",
			"springdatasourcehikaripassword");

	@Bean
	SanitizingFunction lakebaseSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(LakebaseSanitizingAutoConfiguration::isSecret);
	}

	static boolean isSecret(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
			}
		}
		return SECRET_KEYS.contains(normalized.toString());
	}

}
