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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
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

	public static void main(String[] args) throws Exception {
		int wakes = Integer.getInteger("benchmark.wakes", 30);
		Duration wakeDelay = Duration.ofMillis(Long.getLong("benchmark.wakeDelayMs", 300));
		System.out.printf("Wake latency benchmark: %d wakes per mode, wake delay %d ms, %d cores, Java %s%n", wakes,
				wakeDelay.toMillis(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().wakeDelay(wakeDelay).start()) {
			for (WakeMode mode : WakeMode.values()) {
				measure(emulator, mode, wakes);
			}
		}
	}

	private static void measure(LakebaseEmulator emulator, WakeMode mode, int wakes) throws InterruptedException {
		EmulatedEndpoint endpoint = emulator.endpoint();
		endpoint.setWakeMode(mode);
		Map<String, Object> properties = new LinkedHashMap<>(emulator.environment());
		properties.remove("LAKEBASE_ENDPOINT");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run()) {
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
			System.out.printf(
					"wake mode %-7s first query after ready: median %6.1f ms, p95 %6.1f ms | suspend to first query: median %6.1f ms, p95 %6.1f ms%n",
					mode, percentile(afterReady, 50), percentile(afterReady, 95), percentile(total, 50),
					percentile(total, 95));
		}
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1_000_000.0;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
