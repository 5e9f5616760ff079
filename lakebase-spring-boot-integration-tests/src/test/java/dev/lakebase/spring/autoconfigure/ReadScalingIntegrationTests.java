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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Read scaling: read-only transactions on the readable secondaries of the endpoint's
 * high-availability group, directly or through the pooler, a separate read-only endpoint
 * winning when both are set, waking like the primary, and a failover of the group.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadScalingIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
			LakebaseEmulator.builder().readableSecondaries().readOnlyEndpoint());

	@Test
	void readOnlyTransactionsReachTheReadableSecondaries() {
		EmulatedEndpoint primary = lakebase.emulator().endpoint();
		runner("lakebase.read-only.secondaries=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(LakebaseReadOnlyPool.class).dataSource().getJdbcUrl())
				.contains("//" + primary.readOnlyHost() + ":");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			transactions(context, false).executeWithoutResult((status) -> {
				jdbc.execute("CREATE TABLE IF NOT EXISTS replica_item (id int)");
				jdbc.update("INSERT INTO replica_item VALUES (1)");
			});
			long secondary = primary.readOnlyConnectionsAccepted();
			String defaultReadOnly = transactions(context, true)
				.execute((status) -> jdbc.queryForObject("SHOW default_transaction_read_only", String.class));
			assertThat(defaultReadOnly).isEqualTo("on");
			Long items = transactions(context, true)
				.execute((status) -> jdbc.queryForObject("SELECT count(*) FROM replica_item", Long.class));
			assertThat(items).isPositive();
			assertThat(primary.readOnlyConnectionsAccepted()).isGreaterThan(secondary);
			assertThatException()
				.isThrownBy(() -> transactions(context, true)
					.executeWithoutResult((status) -> jdbc.update("INSERT INTO replica_item VALUES (2)")))
				.withMessageContaining("read-only");
		});
	}

	@Test
	void throughThePoolerReadOnlyTransactionsUseTheSecondariesPooledHost() {
		EmulatedEndpoint primary = lakebase.emulator().endpoint();
		runner("lakebase.read-only.secondaries=true", "lakebase.pooler.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			HikariDataSource readOnly = context.getBean(LakebaseReadOnlyPool.class).dataSource();
			assertThat(readOnly.getJdbcUrl()).contains("//" + primary.readOnlyPooledHost() + ":");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate readOnlyTx = transactions(context, true);
			for (int i = 0; i < 50; i++) {
				int n = i;
				Integer next = readOnlyTx
					.execute((status) -> jdbc.queryForObject("SELECT ?::int + 1", Integer.class, n));
				assertThat(next).isEqualTo(n + 1);
			}
		});
	}

	@Test
	void anExplicitReadOnlyEndpointWinsOverTheSecondaries(CapturedOutput output) {
		LakebaseEmulator emulator = lakebase.emulator();
		EmulatedEndpoint readOnly = emulator.readOnlyEndpoint();
		runner("lakebase.read-only.secondaries=true", "lakebase.read-only.endpoint=" + readOnly.path())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				long statements = readOnly.counters().statements();
				long secondary = emulator.endpoint().readOnlyConnectionsAccepted();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				transactions(context, true).execute((status) -> jdbc.queryForObject("SELECT 1", Integer.class));
				assertThat(readOnly.counters().statements()).isGreaterThan(statements);
				assertThat(emulator.endpoint().readOnlyConnectionsAccepted()).isEqualTo(secondary);
				assertThat(output).contains("not to the readable secondaries: the explicit setting wins");
			});
	}

	@Test
	void aSuspendedReadOnlyEndpointWakesWithTheRetryOfThePrimary() {
		EmulatedEndpoint readOnly = lakebase.emulator().readOnlyEndpoint();
		runner("lakebase.read-only.endpoint=" + readOnly.path()).run((context) -> {
			assertThat(context).hasNotFailed();
			readOnly.setWakeMode(WakeMode.REFUSE);
			try {
				readOnly.suspend();
				long wakes = readOnly.counters().wakes();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				String answer = transactions(context, true)
					.execute((status) -> jdbc.queryForObject("SELECT 'awake'", String.class));
				assertThat(answer).isEqualTo("awake");
				assertThat(readOnly.counters().wakes()).isEqualTo(wakes + 1);
				assertThat(readOnly.counters().connectsWhileAsleep()).isPositive();
			}
			finally {
				readOnly.setWakeMode(WakeMode.HOLD);
			}
		});
	}

	@Test
	void aFailoverFailsInFlightWorkClearlyAndNewConnectionsRecover() throws Exception {
		EmulatedEndpoint primary = lakebase.emulator().endpoint();
		runner("lakebase.read-only.secondaries=true").run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			long statements = primary.counters().statements();
			CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> transactions(context, false)
				.execute((status) -> jdbc.queryForObject("SELECT pg_sleep(10)::text", String.class)));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (primary.counters().statements() == statements && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			Thread.sleep(200);
			primary.failover(Duration.ofSeconds(2));
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> inFlight.get(30, TimeUnit.SECONDS))
				.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex)).contains("I/O error"));
			String primaryBack = transactions(context, false)
				.execute((status) -> jdbc.queryForObject("SELECT 'primary back'", String.class));
			assertThat(primaryBack).isEqualTo("primary back");
			String secondaryBack = transactions(context, true)
				.execute((status) -> jdbc.queryForObject("SELECT 'secondary back'", String.class));
			assertThat(secondaryBack).isEqualTo("secondary back");
		});
	}

	private static ApplicationContextRunner runner(String... properties) {
		return EmulatorTestSupport.appsRunner(lakebase.emulator(), properties);
	}

	private static TransactionTemplate transactions(AssertableApplicationContext context, boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		template.setReadOnly(readOnly);
		return template;
	}

}
