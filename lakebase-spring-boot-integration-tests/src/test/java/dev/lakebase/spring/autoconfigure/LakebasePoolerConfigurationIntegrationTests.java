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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.autoconfigure.jpa.Note;
import dev.lakebase.spring.autoconfigure.jpa.NoteRepository;
import dev.lakebase.spring.health.LakebaseHealthIndicator;
import dev.lakebase.spring.jdbc.LakebaseDirectHost;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's DataSource through the endpoint's connection pooler
 * ({@code lakebase.pooler.enabled}): migrations and session-bound work on the direct
 * host, everything else through the pooled host in transaction mode.
 */
class LakebasePoolerConfigurationIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void flywayMigratesOnTheDirectHostAndJpaRunsAThousandTransactionsThroughThePooler() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		Connections before = Connections.of(endpoint);
		runner()
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(JpaConfig.class)
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.schemas=app")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(Connections.of(endpoint).minus(before).direct()).as("Flyway's, on the direct host")
					.isPositive();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getJdbcUrl()).contains("//" + endpoint.pooledHost() + ":");
				NoteRepository notes = context.getBean(NoteRepository.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate transactions = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				Connections migrated = Connections.of(endpoint);
				ExecutorService threads = Executors.newFixedThreadPool(8);
				try {
					List<Future<Integer>> done = new ArrayList<>();
					for (int thread = 0; thread < 8; thread++) {
						int id = thread;
						done.add(threads.submit(() -> {
							int completed = 0;
							for (int i = 0; i < 125; i++) {
								int n = i;
								transactions.executeWithoutResult((status) -> {
									switch (n % 4) {
										case 0 -> notes.save(new Note("note " + id + "-" + n));
										case 1 -> notes.findByTextContaining(id + "-");
										case 2 -> jdbc.queryForObject("SELECT count(*) FROM app.note", Long.class);
										default -> jdbc.update("UPDATE app.note SET text = text WHERE text = ?",
												"note " + id + "-" + (n - 3));
									}
								});
								completed++;
							}
							return completed;
						}));
					}
					int completed = 0;
					for (Future<Integer> result : done) {
						completed += result.get(120, TimeUnit.SECONDS);
					}
					assertThat(completed).isEqualTo(1000);
				}
				finally {
					threads.shutdownNow();
				}
				assertThat(notes.count()).isEqualTo(8 * 32);
				Connections used = Connections.of(endpoint).minus(migrated);
				assertThat(used.pooled()).isPositive();
				assertThat(used.direct()).isZero();
			});
	}

	@Test
	void liquibaseMigratesOnTheDirectHost() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		Connections before = Connections.of(endpoint);
		runner().withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(Connections.of(endpoint).minus(before).direct()).isPositive();
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM databasechangelog", Long.class)).isPositive();
		});
	}

	@Test
	void aSessionBoundSqlInitScriptRunsOnTheDirectHost() {
		runner().withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("spring.sql.init.mode=always",
					"spring.sql.init.schema-locations=classpath:pooler/schema.sql")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM seeded", String.class))
					.isEqualTo("from a session-bound script");
			});
	}

	@Test
	void sessionStateLastsOnTheDirectHostOnlyAndHealthAndMetricsSayWhichHost() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner()
			.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class,
					LakebaseMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("lakebasePoolerMetrics", MeterBinder.class).bindTo(registry);
				JdbcTemplate pooled = context.getBean(JdbcTemplate.class);
				JdbcTemplate direct = new JdbcTemplate(context.getBean(LakebaseDirectHost.class).dataSource());
				assertThat(pooled.execute(setThenShow())).isEqualTo("0");
				assertThat(direct.execute(setThenShow())).isEqualTo("5s");
				Health health = context.getBean(LakebaseHealthIndicator.class).health(true);
				assertThat(health.getDetails()).containsEntry("pooler", true)
					.containsEntry("host", endpoint.pooledHost())
					.containsEntry("directHost", endpoint.host());
				assertThat(registry.get("lakebase.connection.pooled").tag("pool", "lakebase").gauge().value())
					.isEqualTo(1.0);
				assertThat(registry.get("hikaricp.connections.max").tag("pool", "lakebase-direct").gauge().value())
					.isEqualTo(2.0);
			});
	}

	@Test
	void migrationsWithADataSourceOfTheirOwnAreLeftAlone() {
		DataSource own = new SimpleDriverDataSource();
		runner()
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
					DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("spring.flyway.enabled=false", "spring.liquibase.enabled=false",
					"spring.sql.init.username=someone")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource app = context.getBean(DataSource.class);
				DataSource direct = context.getBean(LakebaseDirectHost.class).dataSource();
				FlywayConfigurationCustomizer flyway = context.getBean(FlywayConfigurationCustomizer.class);
				FluentConfiguration ownFlyway = new FluentConfiguration().dataSource(own);
				flyway.customize(ownFlyway);
				assertThat(ownFlyway.getDataSource()).isSameAs(own);
				FluentConfiguration appFlyway = new FluentConfiguration().dataSource(app);
				flyway.customize(appFlyway);
				assertThat(appFlyway.getDataSource()).isSameAs(direct);
				BeanPostProcessor liquibase = context.getBean(LakebasePoolerConfiguration.LiquibaseOnDirectHost.class);
				SpringLiquibase ownLiquibase = new SpringLiquibase();
				ownLiquibase.setDataSource(own);
				liquibase.postProcessBeforeInitialization(ownLiquibase, "liquibase");
				assertThat(ownLiquibase.getDataSource()).isSameAs(own);
				SpringLiquibase appLiquibase = new SpringLiquibase();
				appLiquibase.setDataSource(app);
				liquibase.postProcessBeforeInitialization(appLiquibase, "liquibase");
				assertThat(appLiquibase.getDataSource()).isSameAs(direct);
				assertThat(context).doesNotHaveBean("lakebaseDataSourceScriptDatabaseInitializer");
			});
	}

	@Test
	void thePoolerWithANativePasswordFailsStartupSayingWhy() {
		LakebaseEmulator emulator = lakebase.emulator();
		LakebaseTestSupport.runner()
			.withPropertyValues("lakebase.pooler.enabled=true", "lakebase.host=" + emulator.endpoint().host(),
					"lakebase.port=" + emulator.endpoint().port(), "lakebase.username=someone",
					"lakebase.password=native-secret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(LakebaseConfigurationException.class)
					.hasMessageContaining("lakebase.pooler.enabled is true")
					.hasMessageContaining("a native Postgres password");
			});
	}

	private static ConnectionCallback<String> setThenShow() {
		return (connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("SET statement_timeout = '5s'");
			}
			try (var statement = connection.createStatement();
					var result = statement.executeQuery("SHOW statement_timeout")) {
				result.next();
				return result.getString(1);
			}
		};
	}

	private static ApplicationContextRunner runner() {
		Map<String, String> environment = EmulatorTestSupport.appsEnvironment(lakebase.emulator());
		return LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(environment, "lakebase.pooler.enabled=true"));
	}

	/**
	 * Client connections an endpoint accepted, on its direct and its pooled host.
	 */
	private record Connections(long direct, long pooled) {

		static Connections of(EmulatedEndpoint endpoint) {
			long pooled = endpoint.pooledConnectionsAccepted();
			return new Connections(endpoint.counters().connectionsAccepted() - pooled, pooled);
		}

		Connections minus(Connections earlier) {
			return new Connections(this.direct - earlier.direct, this.pooled - earlier.pooled);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Note.class)
	@EnableJpaRepositories(basePackageClasses = NoteRepository.class)
	static class JpaConfig {

	}

}
