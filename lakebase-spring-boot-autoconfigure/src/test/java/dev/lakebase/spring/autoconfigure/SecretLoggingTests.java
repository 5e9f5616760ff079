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

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at TRACE, neither the database credential nor the client secret
 * reaches the log, while the SDK's HTTP traffic and the pool are logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLoggingTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void traceLoggingShowsNoCredentialOrClientSecret(CapturedOutput output) {
		LakebaseEmulator emulator = lakebase.emulator();
		Map<String, Object> properties = new LinkedHashMap<>(LakebaseTestSupport.appsEnvironment(emulator));
		properties.put("logging.level.root", "TRACE");
		String token;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			token = context.getBean(RefreshingCredentials.class).current().token();
		}
		assertThat(output).contains("/api/2.0/postgres/credentials").contains("HikariPool");
		assertThat(output).doesNotContain(token)
			.doesNotContain(emulator.servicePrincipal().clientSecret())
			.doesNotContain("lbemu-oauth.");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class })
	static class App {

	}

}
