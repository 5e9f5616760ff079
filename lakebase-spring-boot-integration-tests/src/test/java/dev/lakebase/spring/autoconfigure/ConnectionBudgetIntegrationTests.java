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
import java.util.concurrent.atomic.AtomicInteger;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection budget against an endpoint of 0.5 CU (104 connections): five instances
 * with pools of 25 are warned about on the direct host and all served through the pooler.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetIntegrationTests {

	private static final String APP = "budget-app";

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().maxComputeUnits(0.5).appName(APP).appMaxInstances(5));

	@Test
	void fivePoolsOf25OnTheDirectHostWarnAtStartupWithTheNumbersAndTheFixes(CapturedOutput output) {
		runner("spring.datasource.hikari.maximum-pool-size=25", "DATABRICKS_APP_NAME=" + APP).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Lakebase connection budget exceeded: 5 instances (the app's "
					+ "compute_max_instances) x (pool 25) + headroom 10 = 135 connections for the 104 that endpoint "
					+ lakebase.emulator().endpoint().path() + " allows at its maximum of 0.5 CU")
				.contains("lakebase.pooler.enabled=true")
				.contains("spring.datasource.hikari.maximum-pool-size=18 or less")
				.contains("raise the endpoint's maximum compute size");
		});
	}

	@Test
	void theConfiguredInstancesWinAndABudgetThatFitsIsOneInfoLine(CapturedOutput output) {
		runner("spring.datasource.hikari.maximum-pool-size=25", "DATABRICKS_APP_NAME=" + APP,
				"lakebase.budget.instances=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("Lakebase connection budget: 2 instances (lakebase.budget.instances) x "
							+ "(pool 25) + headroom 10 = 60 connections for the 104")
					.doesNotContain("budget exceeded");
			});
	}

	@Test
	void outsideDatabricksAppsOneInstanceIsAssumedAndSaidSo(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("1 instance (assumed; set lakebase.budget.instances, or let the app's "
					+ "identity read the app) x (pool 10) + headroom 10 = 20 connections");
		});
	}

	@Test
	void throughThePoolerFiveInstancesOf40ThreadsAllCompleteTheirRequests(CapturedOutput output) throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		List<AssertableApplicationContext> instances = new ArrayList<>();
		ApplicationContextRunner runner = runner("spring.datasource.hikari.maximum-pool-size=25",
				"lakebase.budget.instances=5", "lakebase.pooler.enabled=true")
			.withConfiguration(AutoConfigurations.of(LakebaseMetricsAutoConfiguration.class));
		startThen(runner, 5, instances, () -> {
			assertThat(output)
				.contains("5 instances (lakebase.budget.instances) x (pool 25) = 125 clients of the pooler")
				.contains("which opens at most 93 for the app, + headroom 10 = 103 connections for the 104")
				.doesNotContain("budget exceeded");
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			instances.get(0).getBean("lakebaseConnectionBudgetMetrics", MeterBinder.class).bindTo(registry);
			assertThat(registry.get("lakebase.connections.limit").gauge().value()).isEqualTo(104);
			assertThat(registry.get("lakebase.connections.demand").gauge().value()).isEqualTo(93 + 10);
			List<AtomicInteger> completed = new ArrayList<>();
			List<AtomicInteger> failed = new ArrayList<>();
			ExecutorService threads = Executors.newFixedThreadPool(5 * 40);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (AssertableApplicationContext instance : instances) {
					AtomicInteger done = new AtomicInteger();
					AtomicInteger errors = new AtomicInteger();
					completed.add(done);
					failed.add(errors);
					JdbcTemplate jdbc = instance.getBean(JdbcTemplate.class);
					TransactionTemplate transactions = new TransactionTemplate(
							instance.getBean(PlatformTransactionManager.class));
					for (int thread = 0; thread < 40; thread++) {
						work.add(threads.submit(() -> {
							for (int request = 0; request < 25; request++) {
								try {
									transactions.executeWithoutResult((status) -> jdbc
										.queryForObject("SELECT pg_sleep(0.002)::text || current_user", String.class));
									done.incrementAndGet();
								}
								catch (RuntimeException ex) {
									errors.incrementAndGet();
								}
							}
						}));
					}
				}
				for (Future<?> result : work) {
					result.get(180, TimeUnit.SECONDS);
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(completed).extracting(AtomicInteger::get).containsOnly(1000);
			assertThat(failed).extracting(AtomicInteger::get).containsOnly(0);
			assertThat(endpoint.poolerServerConnections()).isLessThanOrEqualTo(93);
		});
	}

	/**
	 * Start instances one inside the other's run, then run the work with all of them up.
	 */
	private static void startThen(ApplicationContextRunner runner, int count,
			List<AssertableApplicationContext> started, ThrowingRunnable work) throws Exception {
		if (started.size() == count) {
			work.run();
			return;
		}
		Exception[] failure = new Exception[1];
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			started.add(context);
			try {
				startThen(runner, count, started, work);
			}
			catch (Exception ex) {
				failure[0] = ex;
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

	private static ApplicationContextRunner runner(String... properties) {
		Map<String, String> environment = EmulatorTestSupport.appsEnvironment(lakebase.emulator());
		return LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(environment, properties));
	}

}
