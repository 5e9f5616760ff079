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
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.autoconfigure.jpa.Note;
import dev.lakebase.spring.autoconfigure.jpa.NoteRepository;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Branch targeting by parts, and read-only endpoints through Spring's read-only routing,
 * against an emulator that serves a feature branch and a read-only endpoint.
 */
class BranchAndReadOnlyIntegrationTests {

	private static final String FEATURE = "feature-x";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().branch(FEATURE).readOnlyEndpoint());

	@Test
	void switchingTheBranchIsOneProperty() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint(FEATURE);
		EmulatedEndpoint production = emulator.endpoint();
		EmulatorTestSupport.appsRunner(emulator, "lakebase.branch=" + FEATURE).run((context) -> {
			assertThat(context).hasNotFailed();
			long productionLogins = production.counters().logins();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE IF NOT EXISTS branch_marker (name text)");
			jdbc.update("INSERT INTO branch_marker VALUES ('written on the feature branch')");
			assertThat(feature.counters().logins()).isPositive();
			assertThat(production.counters().logins()).isEqualTo(productionLogins);
			assertThat(emulator.tokens().mintCount(feature)).isPositive();
			assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
				.isEqualTo(feature.path());
		});
		EmulatorTestSupport.appsRunner(emulator).run((context) -> {
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT to_regclass('branch_marker') IS NULL", Boolean.class))
				.as("production does not see the feature branch's table")
				.isTrue();
		});
	}

	@Test
	void switchingTheBranchIsOneEnvironmentVariable() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint(FEATURE);
		Map<String, Object> variables = new LinkedHashMap<>(EmulatorTestSupport.appsEnvironment(emulator));
		variables.put("LAKEBASE_BRANCH", FEATURE);
		LakebaseTestSupport.runner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
					.isEqualTo(feature.path());
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			});
	}

	@Test
	void switchingTheBranchIsOneDotenvLine(@TempDir Path directory) throws IOException {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint(FEATURE);
		StringBuilder lines = new StringBuilder();
		EmulatorTestSupport.appsEnvironment(emulator)
			.forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
		lines.append("LAKEBASE_BRANCH=").append(FEATURE).append('\n');
		Path dotenv = Files.writeString(directory.resolve(".env"), lines);
		try (ConfigurableApplicationContext context = LakebaseTestSupport.application(LocalDevApp.class, Map.of())
			.run("--lakebase.dotenv.path=" + dotenv)) {
			assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
				.isEqualTo(feature.path());
			long logins = feature.counters().logins();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
			assertThat(feature.counters().logins()).isGreaterThan(logins);
		}
	}

	@Test
	void branchAndEndpointIdBuildThePathWithoutPlatformVariables() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint(FEATURE);
		Map<String, String> env = EmulatorTestSupport.appsEnvironment(emulator);
		env.remove("PGHOST");
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(env, "lakebase.project=" + feature.project(),
					"lakebase.branch=" + FEATURE, "lakebase.endpoint-id=" + feature.id()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				assertThat(context.getBean(LakebaseConnectionDetails.class).getHost()).isEqualTo(feature.host());
			});
	}

	@Test
	void withTheProjectSetNoEndpointIsListedToPlaceTheInjectedHost() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint feature = emulator.branchEndpoint(FEATURE);
		int projectListings = emulator.workspace().requests("/api/2.0/postgres/projects");
		EmulatorTestSupport.appsRunner(emulator, "lakebase.project=" + feature.project(), "lakebase.branch=" + FEATURE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(LakebaseConnectionDetails.class).getHost()).isEqualTo(feature.host());
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				assertThat(emulator.workspace().requests("/api/2.0/postgres/projects")).isEqualTo(projectListings);
			});
	}

	@Test
	void fullPathWinsAndContradictingPartsFail() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint production = emulator.endpoint();
		EmulatorTestSupport
			.appsRunner(emulator, "lakebase.endpoint=" + production.path(), "lakebase.project=" + production.project())
			.run((context) -> assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
				.isEqualTo(production.path()));
		EmulatorTestSupport.appsRunner(emulator, "lakebase.endpoint=" + production.path(), "lakebase.branch=" + FEATURE)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(LakebaseTestSupport.messages(context.getStartupFailure())).contains(
						"lakebase.endpoint is '" + production.path() + "' but lakebase.branch is '" + FEATURE + "'");
			});
	}

	@Test
	void readOnlyTransactionsUseTheReadOnlyEndpoint() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint primary = emulator.endpoint();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		readOnlyRunner("lakebase.read-only.endpoint=" + readOnly.path()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("dataSource")).isInstanceOf(LazyConnectionDataSourceProxy.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate readOnlyTx = transactions(context, true);
			TransactionTemplate readWriteTx = transactions(context, false);
			readWriteTx.executeWithoutResult((status) -> {
				jdbc.execute("CREATE TABLE IF NOT EXISTS ro_item (id int)");
				jdbc.update("INSERT INTO ro_item VALUES (1)");
			});
			long primaryStatements = primary.counters().statements();
			long readOnlyStatements = readOnly.counters().statements();
			String defaultReadOnly = readOnlyTx
				.execute((status) -> jdbc.queryForObject("SHOW default_transaction_read_only", String.class));
			assertThat(defaultReadOnly).as("session default on the read-only endpoint").isEqualTo("on");
			Long items = readOnlyTx
				.execute((status) -> jdbc.queryForObject("SELECT count(*) FROM ro_item", Long.class));
			assertThat(items).isPositive();
			assertThat(readOnly.counters().statements()).isGreaterThan(readOnlyStatements);
			assertThat(primary.counters().statements()).isEqualTo(primaryStatements);
			String defaultReadWrite = readWriteTx
				.execute((status) -> jdbc.queryForObject("SHOW default_transaction_read_only", String.class));
			assertThat(defaultReadWrite).isEqualTo("off");
			assertThatException().isThrownBy(
					() -> readOnlyTx.executeWithoutResult((status) -> jdbc.update("INSERT INTO ro_item VALUES (2)")))
				.withMessageContaining("read-only");
			assertThat(emulator.tokens().mintCount(readOnly)).as("read-only pool minted for its endpoint").isPositive();
			assertThat(emulator.tokens().mintCount(primary)).isPositive();
		});
	}

	@Test
	void firstReadOnlyTransactionOfAFreshContextLeavesThePrimaryAlone() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint primary = emulator.endpoint();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		long primaryLogins = primary.counters().logins();
		readOnlyRunner("lakebase.read-only.endpoint=" + readOnly.path()).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Integer one = transactions(context, true)
				.execute((status) -> jdbc.queryForObject("SELECT 1", Integer.class));
			assertThat(one).isEqualTo(1);
			assertThat(primary.counters().logins()).as("logins to the primary").isEqualTo(primaryLogins);
			assertThat(context.getBean("dataSource", LazyConnectionDataSourceProxy.class).getConnection())
				.as("a connection that runs nothing logs in nowhere")
				.satisfies(Connection::close);
			assertThat(primary.counters().logins()).as("logins to the primary").isEqualTo(primaryLogins);
		});
	}

	@Test
	void lazyConnectionFetchKeepsReadOnlyRouting() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint primary = emulator.endpoint();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		long primaryLogins = primary.counters().logins();
		readOnlyRunner("lakebase.read-only.endpoint=" + readOnly.path(), "spring.datasource.connection-fetch=lazy")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LazyConnectionDataSourceProxy dataSource = context.getBean("dataSource",
						LazyConnectionDataSourceProxy.class);
				assertThat(dataSource.getTargetDataSource()).as("wrapped once").isInstanceOf(HikariDataSource.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				long readOnlyStatements = readOnly.counters().statements();
				String readOnlyDefault = transactions(context, true)
					.execute((status) -> jdbc.queryForObject("SHOW default_transaction_read_only", String.class));
				assertThat(readOnlyDefault).isEqualTo("on");
				assertThat(readOnly.counters().statements()).isGreaterThan(readOnlyStatements);
				assertThat(primary.counters().logins()).as("logins to the primary").isEqualTo(primaryLogins);
				String readWriteDefault = transactions(context, false)
					.execute((status) -> jdbc.queryForObject("SHOW default_transaction_read_only", String.class));
				assertThat(readWriteDefault).isEqualTo("off");
			});
	}

	@Test
	void routingKeepsThePoolsConfiguredIsolationAsTheDefault() {
		LakebaseEmulator emulator = lakebase.emulator();
		readOnlyRunner("lakebase.read-only.endpoint=" + emulator.readOnlyEndpoint().path(),
				"spring.datasource.hikari.transaction-isolation=transaction_repeatable_read")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate byDefault = transactions(context, false);
				String isolation = byDefault
					.execute((status) -> jdbc.queryForObject("SHOW transaction_isolation", String.class));
				assertThat(isolation).isEqualTo("repeatable read");
				TransactionTemplate readCommitted = transactions(context, false);
				readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
				String requested = readCommitted
					.execute((status) -> jdbc.queryForObject("SHOW transaction_isolation", String.class));
				assertThat(requested).isEqualTo("read committed");
			});
	}

	@Test
	void bothPoolsRefreshTheirOwnCredentialsAndReportHealthAndMetrics() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint primary = emulator.endpoint();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		emulator.tokens().setLifetime(Duration.ofSeconds(4));
		try {
			readOnlyRunner("lakebase.read-only.host=" + readOnly.host()).run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate readOnlyTx = transactions(context, true);
				HikariDataSource primaryPool = context.getBean("dataSource", LazyConnectionDataSourceProxy.class)
					.unwrap(HikariDataSource.class);
				HikariDataSource readOnlyPool = context.getBean(LakebaseReadOnlyPool.class).dataSource();
				int primaryMints = emulator.tokens().mintCount(primary);
				int readOnlyMints = emulator.tokens().mintCount(readOnly);
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (emulator.tokens().mintCount(primary) < primaryMints + 3
						|| emulator.tokens().mintCount(readOnly) < readOnlyMints + 3) {
					assertThat(System.nanoTime()).as("both pools refreshed three times").isLessThan(deadline);
					jdbc.queryForObject("SELECT 1", Integer.class);
					readOnlyTx.execute((status) -> jdbc.queryForObject("SELECT 1", Integer.class));
					primaryPool.getHikariPoolMXBean().softEvictConnections();
					readOnlyPool.getHikariPoolMXBean().softEvictConnections();
					Thread.sleep(200);
				}
				assertThat(context.getBean(CredentialCache.class).current().token())
					.isNotEqualTo(context.getBean(LakebaseReadOnlyPool.class).credentials().current().token());
				assertThat(context.getBean("lakebaseReadOnlyHealthIndicator", HealthIndicator.class).health(true))
					.satisfies((health) -> {
						assertThat(health.getStatus()).isEqualTo(Status.UP);
						assertThat(health.getDetails()).containsEntry("target", "endpoint " + readOnly.path())
							.containsEntry("host", readOnly.host());
					});
				assertThat(context.getBean("lakebaseHealthIndicator", HealthIndicator.class).health(true).getDetails())
					.containsEntry("target", "endpoint " + primary.path());
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("hikaricp.connections").tag("pool", "lakebase-read-only").gauge()).isNotNull();
				assertThat(registry.get("hikaricp.connections").tag("pool", "lakebase").gauge()).isNotNull();
				assertThat(
						registry.get("lakebase.credentials.mints").tag("pool", "lakebase-read-only").counter().count())
					.isGreaterThanOrEqualTo(3);
				assertThat(registry.get("lakebase.credentials.mints").tag("pool", "lakebase").counter().count())
					.isGreaterThanOrEqualTo(3);
			});
		}
		finally {
			emulator.tokens().setLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void springDataJpaReadOnlyTransactionsUseTheReadOnlyEndpoint() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint primary = emulator.endpoint();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		EmulatorTestSupport
			.appsRunner(emulator, "lakebase.read-only.endpoint=" + readOnly.path(),
					"spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.schemas=app")
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(DataAccessIntegrationTests.JpaConfig.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NoteRepository notes = context.getBean(NoteRepository.class);
				TransactionTemplate readWriteTx = transactions(context, false);
				TransactionTemplate readOnlyTx = transactions(context, true);
				readWriteTx.executeWithoutResult((status) -> notes.save(new Note("on the primary")));
				long primaryStatements = primary.counters().statements();
				long readOnlyStatements = readOnly.counters().statements();
				Long count = readOnlyTx.execute((status) -> notes.count());
				assertThat(count).isPositive();
				assertThat(readOnly.counters().statements()).isGreaterThan(readOnlyStatements);
				assertThat(primary.counters().statements()).isEqualTo(primaryStatements);
			});
	}

	@Test
	void readOnlyPoolIsOffUnlessConfigured() {
		readOnlyRunner().run((context) -> {
			assertThat(context).doesNotHaveBean(LakebaseReadOnlyPool.class)
				.doesNotHaveBean("lakebaseReadOnlyHealthIndicator");
			assertThat(context.getBean("dataSource")).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void readableSecondariesOfAnEndpointWithoutThemFailStartupSayingWhy() {
		readOnlyRunner("lakebase.read-only.secondaries=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reports no readable secondaries (status.hosts.read_only_host)")
				.isInstanceOfSatisfying(LakebaseConfigurationException.class, (ex) -> assertThat(ex.getAction())
					.contains("lakebase.read-only.endpoint or lakebase.read-only.host"));
		});
	}

	private static ApplicationContextRunner readOnlyRunner(String... properties) {
		return EmulatorTestSupport.appsRunner(lakebase.emulator(), properties)
			.withConfiguration(
					AutoConfigurations.of(LakebaseHealthAutoConfiguration.class, LakebaseMetricsAutoConfiguration.class,
							MetricsAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class))
			.withUserConfiguration(MeterRegistryConfig.class);
	}

	private static TransactionTemplate transactions(AssertableApplicationContext context, boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		template.setReadOnly(readOnly);
		return template;
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfig {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
