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

import dev.lakebase.spring.autoconfigure.jpa.Note;
import dev.lakebase.spring.autoconfigure.jpa.NoteRepository;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data JPA, Flyway and Liquibase work unchanged on the Lakebase DataSource, as the
 * app's service principal, with the credential flow of Databricks Apps.
 */
class DataAccessIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void flywayMigratesAndSpringDataJpaStoresAndQueries() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseTestSupport.runner()
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(JpaConfig.class)
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator),
					"spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.schemas=app"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NoteRepository notes = context.getBean(NoteRepository.class);
				notes.save(new Note("remember the token refresh"));
				notes.save(new Note("scale to zero"));
				assertThat(notes.count()).isEqualTo(2);
				assertThat(notes.findByTextContaining("token")).extracting(Note::getText)
					.containsExactly("remember the token refresh");
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject(
						"SELECT schema_owner FROM information_schema.schemata WHERE schema_name = 'app'", String.class))
					.isEqualTo(emulator.identities().servicePrincipal().clientId());
			});
	}

	@Test
	void liquibaseMigrates() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseTestSupport.runner()
			.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
			.withPropertyValues(EmulatorTestSupport.properties(EmulatorTestSupport.appsEnvironment(emulator)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.update("INSERT INTO liquibase_item (id, name) VALUES (1, 'one')");
				assertThat(jdbc.queryForObject("SELECT name FROM liquibase_item WHERE id = 1", String.class))
					.isEqualTo("one");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Note.class)
	@EnableJpaRepositories(basePackageClasses = NoteRepository.class)
	static class JpaConfig {

	}

}
