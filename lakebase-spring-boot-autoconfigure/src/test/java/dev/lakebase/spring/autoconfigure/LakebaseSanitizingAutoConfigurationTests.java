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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.web.exchanges.HttpExchange;
import org.springframework.boot.actuate.web.exchanges.InMemoryHttpExchangeRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseSanitizingAutoConfiguration}: the Lakebase and Databricks secrets are
 * masked in any relaxed form, other keys are not, and the forwarded user token is dropped
 * from the exchanges a repository records while the other headers stay.
 */
class LakebaseSanitizingAutoConfigurationTests {

	@Test
	void secretsAreMaskedInAnyRelaxedFormAndNothingElseIs() {
		assertThat(List.of("lakebase.password", "LAKEBASE_PASSWORD", "lakebase.databricks.client-secret",
				"lakebase.databricks.clientSecret", "DATABRICKS_TOKEN", "PGPASSWORD",
				"spring.datasource.hikari.password"))
			.allMatch(LakebaseSanitizingAutoConfiguration::isSecret);
		assertThat(List.of("lakebase.host", "lakebase.databricks.client-id", "DATABRICKS_HOST", "PGUSER"))
			.noneMatch(LakebaseSanitizingAutoConfiguration::isSecret);
		SanitizableData secret = new SanitizableData(null, "lakebase.databricks.token", "dapi-secret");
		assertThat(new LakebaseSanitizingAutoConfiguration().lakebaseSanitizingFunction().apply(secret).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void theForwardedUserTokenIsDroppedFromRecordedExchangesAndOtherHeadersStay() {
		BeanPostProcessor filter = LakebaseSanitizingAutoConfiguration.HttpExchangesConfiguration
			.lakebaseHttpExchangesTokenFilter();
		InMemoryHttpExchangeRepository repository = (InMemoryHttpExchangeRepository) filter
			.postProcessAfterInitialization(new InMemoryHttpExchangeRepository(), "httpExchangeRepository");
		Map<String, List<String>> headers = Map.of("x-forwarded-access-token", List.of("user-token"),
				"X-Forwarded-Email", List.of("ada@example.com"), "Accept", List.of("*/*"));
		HttpExchange exchange = new HttpExchange(Instant.now(),
				new HttpExchange.Request(URI.create("http://localhost/notes"), "127.0.0.1", "GET", headers), null, null,
				null, Duration.ofMillis(3));
		repository.add(exchange);
		Map<String, List<String>> recorded = repository.findAll().get(0).getRequest().getHeaders();
		assertThat(recorded).doesNotContainKey("x-forwarded-access-token").containsKeys("X-Forwarded-Email", "Accept");
		assertThat(filter.postProcessAfterInitialization("other", "other")).isEqualTo("other");
	}

}
