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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.context.ImportLakebaseBranch;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A branch per run with {@code @ImportLakebaseBranch}: each run's Lakebase DataSource
 * connects, as the same identity, to a branch of its own that starts as a copy of the
 * parent; the runs do not see each other's writes, nor does the parent; the branches are
 * gone when the runs end.
 */
class EphemeralBranchIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().readOnlyEndpoint());

	@Test
	void runsAtTheSameTimeGetABranchEachThatStartsWithTheParentsDataAndStaysApart() throws Exception {
		LakebaseEmulator emulator = lakebase.emulator();
		execute(emulator, emulator.endpoint(), "CREATE TABLE note (body text)",
				"GRANT SELECT, INSERT ON note TO PUBLIC", "INSERT INTO note VALUES ('parent')");
		Map<String, Object> environment = new LinkedHashMap<>(emulator.environment());
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			// Started one after the other (Spring Boot's logging set-up is not made for
			// two
			// applications starting at once in one JVM), and running at the same time
			for (String run : List.of("one", "two")) {
				ConfigurableApplicationContext context = LakebaseTestSupport.application(BranchRun.class, environment)
					.run();
				contexts.add(context);
				context.getBean(JdbcTemplate.class).update("INSERT INTO note VALUES (?)", run);
			}
			List<String> branches = new ArrayList<>();
			for (ConfigurableApplicationContext context : contexts) {
				String branch = context.getEnvironment().getProperty("lakebase.branch");
				branches.add(branch);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).endsWith("__" + branch);
				assertThat(jdbc.queryForObject("SELECT current_user", String.class))
					.isEqualTo(emulator.identities().servicePrincipal().roleName());
				assertThat(jdbc.queryForList("SELECT body FROM note ORDER BY ctid", String.class)).hasSize(2)
					.startsWith("parent");
			}
			assertThat(branches).doesNotHaveDuplicates().allMatch((branch) -> branch.startsWith("run-"));
			assertThat(notes(emulator, emulator.endpoint())).containsExactly("parent");
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
		assertThat(emulator.endpoints()).extracting(EmulatedEndpoint::branch).containsOnly("production");
	}

	@Test
	void readOnlyTransactionsStayOnTheRunsBranchWhenTheParentHasAReadOnlyEndpoint() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint parentReadOnly = emulator.readOnlyEndpoint();
		Map<String, Object> environment = new LinkedHashMap<>(emulator.environment());
		environment.put("LAKEBASE_READONLY_ENDPOINT", parentReadOnly.path());
		long parentReadOnlyLogins = parentReadOnly.counters().logins();
		try (ConfigurableApplicationContext context = LakebaseTestSupport.application(BranchRun.class, environment)
			.run()) {
			String branch = context.getEnvironment().getProperty("lakebase.branch");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE branch_note (body text)");
			jdbc.update("INSERT INTO branch_note VALUES ('written on the branch')");
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			String database = readOnly
				.execute((status) -> jdbc.queryForObject("SELECT current_database()", String.class));
			assertThat(database).endsWith("__" + branch);
			List<String> notes = readOnly
				.execute((status) -> jdbc.queryForList("SELECT body FROM branch_note", String.class));
			assertThat(notes).containsExactly("written on the branch");
		}
		assertThat(parentReadOnly.counters().logins()).as("logins to the parent's read-only endpoint")
			.isEqualTo(parentReadOnlyLogins);
	}

	@Test
	void anImportedEmulatorsDataSourceReadsAndWritesOnTheRunsBranch() throws Exception {
		try (ConfigurableApplicationContext context = LakebaseTestSupport
			.application(EmulatorAndBranchRun.class, Map.of())
			.run()) {
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			String branch = context.getEnvironment().getProperty("lakebase.branch");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE run_note (body text)");
			jdbc.update("INSERT INTO run_note VALUES ('on the branch')");
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			String readOnlyDatabase = readOnly
				.execute((status) -> jdbc.queryForObject("SELECT current_database()", String.class));
			assertThat(readOnlyDatabase).endsWith("__" + branch);
			assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).endsWith("__" + branch);
			assertThat(emulator.endpoint().counters().logins()).as("logins to the parent").isZero();
			assertThat(emulator.branchEndpoint(branch).counters().logins()).isPositive();
		}
	}

	private static void execute(LakebaseEmulator emulator, EmulatedEndpoint endpoint, String... statements)
			throws SQLException {
		try (Connection connection = emulator.postgres().connectAsSuperuser(endpoint);
				var statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static List<String> notes(LakebaseEmulator emulator, EmulatedEndpoint endpoint) throws SQLException {
		List<String> notes = new ArrayList<>();
		try (Connection connection = emulator.postgres().connectAsSuperuser(endpoint);
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT body FROM note ORDER BY ctid")) {
			while (result.next()) {
				notes.add(result.getString(1));
			}
		}
		return notes;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	@ImportLakebaseBranch(prefix = "run")
	static class BranchRun {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	@ImportLakebaseEmulator(readOnlyEndpoint = true)
	@ImportLakebaseBranch(prefix = "run")
	static class EmulatorAndBranchRun {

	}

}
