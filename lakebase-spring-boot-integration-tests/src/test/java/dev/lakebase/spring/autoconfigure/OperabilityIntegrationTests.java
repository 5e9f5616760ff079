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

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.EndpointState;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import dev.lakebase.spring.test.WakeMode;
import dev.lakebase.spring.test.EmulatedWorkspace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code lakebase} health indicator and the Lakebase metrics against the emulator.
 */
class OperabilityIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().wakeDelay(Duration.ofMillis(500)));

	@AfterEach
	void reset() {
		lakebase.emulator().endpoint().setWakeMode(WakeMode.HOLD);
	}

	private ApplicationContextRunner runner(String... properties) {
		return EmulatorTestSupport.appsRunner(lakebase.emulator(), properties)
			.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class,
					LakebaseMetricsAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
					DataSourcePoolMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(MeterRegistryConfig.class);
	}

	@Test
	void healthReportsWithoutConnectingAndReplacesDbIndicator() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner().run((context) -> {
			assertThat(context).hasBean("lakebaseHealthIndicator");
			assertThat(context.getBeansOfType(HealthContributor.class)).as("health contributors")
				.containsKey("lakebaseHealthIndicator")
				.doesNotContainKey("dbHealthContributor");
			HealthIndicator health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
			long accepted = endpoint.counters().connectionsAccepted();
			long statements = endpoint.counters().statements();
			for (int i = 0; i < 10; i++) {
				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			}
			assertThat(endpoint.counters().connectionsAccepted()).as("no connection opened by health")
				.isEqualTo(accepted);
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			statements = endpoint.counters().statements();
			Health afterQuery = health.health(true);
			assertThat(afterQuery.getStatus()).isEqualTo(Status.UP);
			assertThat(afterQuery.getDetails()).containsKeys("credentialExpiresAt", "lastRefresh", "pool")
				.containsEntry("target", "endpoint " + endpoint.path())
				.containsEntry("host", endpoint.host());
			assertThat(endpoint.counters().statements()).as("no statement sent by health").isEqualTo(statements);
		});
	}

	@Test
	void healthReportsComputeStateFromWorkspaceWithoutWakingIt() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner("management.health.lakebase.compute-state-ttl=100ms").run((context) -> {
			HealthIndicator health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			assertThat(awaitComputeState(health, "ACTIVE").getDetails()).containsKey("computeStateReadAt");
			Thread.sleep(600);
			endpoint.suspend();
			long accepted = endpoint.counters().connectionsAccepted();
			Health suspended = awaitComputeState(health, "IDLE");
			assertThat(suspended.getStatus()).isEqualTo(Status.UP);
			assertThat(endpoint.state()).isEqualTo(EndpointState.IDLE);
			assertThat(endpoint.counters().connectionsAccepted()).isEqualTo(accepted);
		});
	}

	@Test
	@SuppressWarnings("deprecation")
	void aHealthCheckNeverWaitsForTheWorkspace() {
		LakebaseEmulator emulator = lakebase.emulator();
		// Even the deprecated timeout, once how long a check waited, makes none wait
		runner("management.health.lakebase.compute-state-ttl=100ms", "lakebase.health.compute-state-timeout=60s")
			.run((context) -> {
				HealthIndicator health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
				context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
				awaitComputeState(health, "ACTIVE");
				Thread.sleep(200);
				emulator.workspace().hangFor(EmulatedWorkspace.Target.RESOURCES, Duration.ofSeconds(60));
				try {
					CompletableFuture<Health> checks = CompletableFuture.supplyAsync(() -> {
						Health last = null;
						for (int i = 0; i < 3; i++) {
							last = health.health(true);
						}
						return last;
					});
					Health last = checks.get(20, TimeUnit.SECONDS);
					assertThat(last.getStatus()).isEqualTo(Status.UP);
					assertThat(last.getDetails()).as("the last reading while the workspace hangs")
						.containsEntry("computeState", "ACTIVE");
				}
				finally {
					emulator.workspace().clear();
				}
			});
	}

	@Test
	void computeStateLookupFailureIsReportedWithoutChangingStatus() {
		LakebaseEmulator emulator = lakebase.emulator();
		runner().run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			emulator.workspace().failFor(EmulatedWorkspace.Target.RESOURCES, Duration.ofSeconds(30), 500);
			try {
				HealthIndicator indicator = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
				Health health = indicator.health(true);
				Instant deadline = Instant.now().plusSeconds(20);
				while (!health.getDetails().containsKey("computeStateError") && Instant.now().isBefore(deadline)) {
					Thread.sleep(50);
					health = indicator.health(true);
				}
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("computeState", "UNKNOWN")
					.containsKey("computeStateError");
			}
			finally {
				emulator.workspace().clear();
			}
		});
	}

	@Test
	void healthIsDownAfterAuthenticationFailure() {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.identities().addNativeRole("health_native", "right");
		EmulatedEndpoint endpoint = emulator.endpoint();
		LakebaseTestSupport.runner()
			.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class,
					LakebaseMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(MeterRegistryConfig.class)
			.withPropertyValues("PGHOST=" + endpoint.host(), "PGPORT=" + endpoint.port(), "PGUSER=health_native",
					"PGPASSWORD=wrong", "spring.datasource.hikari.connection-timeout=2000")
			.run((context) -> {
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
				Health health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(health.getDetails().get("lastLoginFailure"))).contains("28P01");
				assertThat(health.getDetails().toString()).doesNotContain("wrong");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("lakebase.connection.failures").tag("class", "auth").counter().count())
					.isPositive();
			});
	}

	@Test
	void healthIsDownWhenNoCredentialCanBeHad() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().addServicePrincipal(true);
		app.setCredentialPermission(false);
		LakebaseTestSupport.runner()
			.withConfiguration(AutoConfigurations.of(LakebaseHealthAutoConfiguration.class))
			.withPropertyValues(EmulatorTestSupport.properties(emulator.environment(app, emulator.endpoint())))
			.run((context) -> {
				HealthIndicator indicator = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
				Health health = indicator.health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(health.getDetails().get("lastError"))).contains("HTTP 403");
				assertThat(health.getDetails()).doesNotContainKey("credentialExpiresAt");
			});
	}

	@Test
	void healthRecoversWithTheWorkspaceWithoutALoginAndNoCredentialIsNotAnAuthFailure() {
		afterALoginFailedInAWorkspaceOutage((context) -> {
			HealthIndicator indicator = context.getBean("lakebaseHealthIndicator", HealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("lakebase.connection.failures").tag("class", "credential").counter().count())
				.isPositive();
			assertThat(registry.find("lakebase.connection.failures").tag("class", "auth").counter()).isNull();
			lakebase.emulator().workspace().clear();
			// From here on only health checks: no login asks for a credential
			Instant deadline = Instant.now().plusSeconds(20);
			Health health = indicator.health(true);
			while (health.getStatus() != Status.UP && Instant.now().isBefore(deadline)) {
				Thread.sleep(250);
				health = indicator.health(true);
			}
			assertThat(health.getStatus()).as(health.getDetails()::toString).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("lastLoginFailure");
		});
	}

	@Test
	void healthIsUpAfterTheWorkspaceRecoversWithNoRequestAndNoProbe() {
		LakebaseEmulator emulator = lakebase.emulator();
		afterALoginFailedInAWorkspaceOutage((context) -> {
			int mints = emulator.tokens().mintCount();
			emulator.workspace().clear();
			// No login and no health check from here on: the retries go on by themselves
			Instant deadline = Instant.now().plusSeconds(20);
			while (emulator.tokens().mintCount() == mints && Instant.now().isBefore(deadline)) {
				Thread.sleep(100);
			}
			assertThat(emulator.tokens().mintCount()).as("minted after the recovery").isGreaterThan(mints);
			// Longer than the credential lives: the failure before the new one stays
			// stale
			Thread.sleep(7000);
			Health health = context.getBean("lakebaseHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).as(health.getDetails()::toString).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("lastLoginFailure");
		});
	}

	/**
	 * Run an application whose 6 s credential expires while the credential API answers
	 * 503, and whose next login therefore fails, then what the test asks. The API answers
	 * 503 until the test clears the workspace's faults.
	 */
	private void afterALoginFailedInAWorkspaceOutage(ContextConsumer<AssertableApplicationContext> then) {
		LakebaseEmulator emulator = lakebase.emulator();
		emulator.tokens().setLifetime(Duration.ofSeconds(6));
		try {
			runner("lakebase.credentials.refresh-window=2s", "lakebase.credentials.retry-initial-delay=200ms",
					"lakebase.credentials.retry-max-delay=1s", "lakebase.credentials.timeout=2s",
					"spring.datasource.hikari.connection-timeout=3000")
				.run((context) -> {
					HikariDataSource dataSource = context.getBean(HikariDataSource.class);
					dataSource.getConnection().close();
					Instant expiresAt = context.getBean(CredentialCache.class).current().expiresAt();
					emulator.workspace().failFor(EmulatedWorkspace.Target.CREDENTIALS, Duration.ofMinutes(5), 503);
					Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);
					dataSource.getHikariPoolMXBean().softEvictConnections();
					assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection().close());
					then.accept(context);
				});
		}
		finally {
			emulator.workspace().clear();
			emulator.tokens().setLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void missingRoleCostsOneRetryMintNotOnePerConnectAttempt() {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedIdentity app = emulator.identities().addServicePrincipal(false);
		LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(emulator.environment(app, emulator.endpoint())))
			.run((context) -> {
				DataSource lakebase = context.getBean(HikariDataSource.class).getDataSource();
				for (int i = 0; i < 5; i++) {
					assertThatExceptionOfType(SQLException.class).isThrownBy(() -> lakebase.getConnection().close())
						.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
				}
				assertThat(emulator.tokens().mintCount(app)).as("the first credential and one fresh one").isEqualTo(2);
			});
	}

	@Test
	void metricsCountMintsRefreshesWakesAndKeepPoolName() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		endpoint.setWakeMode(WakeMode.REFUSE);
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForObject("SELECT 1", Integer.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("lakebase.credentials.mints").tag("source", "autoscaling").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("lakebase.credentials.refresh").tag("outcome", "success").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("lakebase.credentials.expiry").gauge().value()).isBetween(3000.0, 3600.0);
			assertThat(registry.get("hikaricp.connections").tag("pool", "lakebase").gauge()).isNotNull();
			Thread.sleep(600);
			endpoint.suspend();
			context.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
			jdbc.queryForObject("SELECT 2", Integer.class);
			assertThat(registry.get("lakebase.wake.retries").counter().count()).isPositive();
			assertThat(registry.get("lakebase.wake.duration").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void metricsCarryThePoolNameTheApplicationGaveThePool() {
		runner("spring.datasource.hikari.pool-name=orders").run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("hikaricp.connections").tag("pool", "orders").gauge()).isNotNull();
			assertThat(registry.get("lakebase.credentials.mints").tag("pool", "orders").counter().count()).isEqualTo(1);
			assertThat(registry.get("lakebase.credentials.expiry").tag("pool", "orders").gauge()).isNotNull();
			assertThat(registry.find("lakebase.credentials.mints").tag("pool", "lakebase").counter()).isNull();
		});
	}

	@Test
	void metricsReportedBeforeTheRegistryIsBoundAreKeptAndNoReportingThreadLooksItUp() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		int mints = lakebase.emulator().tokens().mintCount(endpoint);
		EmulatorTestSupport.appsRunner(lakebase.emulator())
			.withConfiguration(
					AutoConfigurations.of(LakebaseMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(LazyMeterRegistryConfig.class)
			.run((context) -> {
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				// The emulator's count may include a mint an earlier test's closed
				// context had in flight
				assertThat(lakebase.emulator().tokens().mintCount(endpoint) - mints).as("mints").isPositive();
				assertThat(context.getBean(CredentialCache.class).mintCount()).as("mints of this context").isEqualTo(1);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(context.getBean(LazyMeterRegistryConfig.class).createdBy)
					.as("the thread that created the registry")
					.isEqualTo(Thread.currentThread().getName());
				assertThat(registry.get("lakebase.credentials.mints").counter().count()).isEqualTo(1);
				assertThat(registry.get("lakebase.credentials.expiry").gauge().value()).isBetween(3000.0, 3600.0);
			});
	}

	private static Health awaitComputeState(HealthIndicator indicator, String state) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(20);
		Health health = indicator.health(true);
		while (!state.equals(health.getDetails().get("computeState")) && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
			health = indicator.health(true);
		}
		assertThat(health.getDetails()).containsEntry("computeState", state);
		return health;
	}

	@Configuration(proxyBeanMethods = false)
	static class LazyMeterRegistryConfig {

		volatile String createdBy;

		// As with spring.main.lazy-initialization=true: created on first use
		@Bean
		@Lazy
		SimpleMeterRegistry meterRegistry() {
			this.createdBy = Thread.currentThread().getName();
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfig {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
