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

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Testcontainers {@code @ServiceConnection} wins over Lakebase. Needs Docker, so it is
 * skipped without one; {@code backsOffWhenOtherJdbcConnectionDetailsExist} in
 * {@link LakebaseDataSourceAutoConfigurationTests} proves the same back-off without it.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = TestcontainersServiceConnectionBackOffTests.Config.class,
		properties = { "PGHOST=ep.example.com", "PGUSER=app", "PGPASSWORD=unused" })
class TestcontainersServiceConnectionBackOffTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Autowired
	private ApplicationContext context;

	@Test
	void serviceConnectionWinsOverLakebase() {
		assertThat(this.context.getBeansOfType(LakebaseConnectionDetails.class)).isEmpty();
		assertThat(this.context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ServiceConnectionAutoConfiguration.class, LakebaseDataSourceAutoConfiguration.class,
			DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
	static class Config {

	}

}
