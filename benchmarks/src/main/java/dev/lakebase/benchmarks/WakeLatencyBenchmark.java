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

package dev.lakebase.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wake latency: how long after a suspended endpoint becomes ready the first query
 * succeeds, through the auto-configured DataSource, for each wake mode of the emulator.
 * Not a test: it prints median and p95 over the configured number of wakes.
 *
 * <p>
 * Run: {@code ./mvnw -B -Pbenchmarks -DskipTests verify} (or with
 * {@code -Dbenchmark.wakes=N -Dbenchmark.wakeDelayMs=M}).
 */
public final class WakeLatencyBenchmark {

	private WakeLatencyBenchmark() {
	}

	/**
	 * The wake latency of one wake mode, in milliseconds.
	 *
	 * @param mode how the waking endpoint answers connects
	 * @param afterReadyMedian from ready to the first query's result, median
	 * @param afterReadyP95 the same, 95th percentile
	 * @param totalMedian from the suspension to the first query's result, median
	 * @param totalP95 the same, 95th percentile
	 */
	record Row(WakeMode mode, double afterReadyMedian, double afterReadyP95, double totalMedian, double totalP95) {
	}

	public static void main(String[] args) throws Exception {
		for (Row row : run(Integer.getInteger("benchmark.wakes", 30),
				Duration.ofMillis(Long.getLong("benchmark.wakeDelayMs", 300)))) {
			System.out.println(row);
		}
	}

	static List<Row> run(int wakes, Duration wakeDelay) throws InterruptedException {
		List<Row> rows = new ArrayList<>();
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().wakeDelay(wakeDelay).start()) {
			for (WakeMode mode : WakeMode.values()) {
				rows.add(measure(emulator, mode, wakes));
			}
		}
		return rows;
	}

	private static Row measure(LakebaseEmulator emulator, WakeMode mode, int wakes) throws InterruptedException {
		EmulatedEndpoint endpoint = emulator.endpoint();
		endpoint.setWakeMode(mode);
		try (ConfigurableApplicationContext context = Fixture.startApp(Fixture.appsEnvironment(emulator))) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForObject("SELECT 1", Integer.class);
			List<Long> afterReady = new ArrayList<>();
			List<Long> total = new ArrayList<>();
			for (int i = 0; i < wakes; i++) {
				Thread.sleep(700);
				endpoint.suspend();
				long started = System.nanoTime();
				jdbc.queryForObject("SELECT 1", Integer.class);
				long done = System.nanoTime();
				afterReady.add(done - endpoint.lastWakeCompletedNanoTime());
				total.add(done - started);
			}
			return new Row(mode, Stats.percentileMillis(afterReady, 50), Stats.percentileMillis(afterReady, 95),
					Stats.percentileMillis(total, 50), Stats.percentileMillis(total, 95));
		}
	}

}
