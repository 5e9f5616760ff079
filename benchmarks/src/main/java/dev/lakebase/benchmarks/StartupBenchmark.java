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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.lakebase.samples.memory.MemoryServiceApplication;
import dev.lakebase.spring.test.LakebaseEmulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Application start in a fresh JVM (one measurement per fork): the context refresh and
 * the first query, with the starter on the variables of Databricks Apps vs plain
 * {@code spring-boot-starter-jdbc} with a static password on the same endpoint; once for
 * a JDBC-only app, once for the sample (web, JPA, Flyway, Actuator). Each run also
 * appends where its time went to the file named by {@code benchmark.breakdown}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class StartupBenchmark {

	private LakebaseEmulator emulator;

	private String password;

	private ConfigurableApplicationContext context;

	@Setup(Level.Iteration)
	public void start() {
		this.emulator = LakebaseEmulator.builder().start();
		this.password = UUID.randomUUID().toString();
		this.emulator.addNativeRole(Fixture.PLAIN_ROLE, this.password);
	}

	@TearDown(Level.Iteration)
	public void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.emulator.close();
	}

	@Benchmark
	public Integer starter() {
		return run("starter", Fixture.appsEnvironment(this.emulator));
	}

	@Benchmark
	public Integer plain() {
		return run("plain", Fixture.plainProperties(this.emulator, this.password));
	}

	@Benchmark
	public Integer sampleStarter() {
		return run("sampleStarter", MemoryServiceApplication.class, WebApplicationType.SERVLET,
				Fixture.appsEnvironment(this.emulator));
	}

	@Benchmark
	public Integer samplePlain() {
		return run("samplePlain", MemoryServiceApplication.class, WebApplicationType.SERVLET,
				Fixture.plainProperties(this.emulator, this.password));
	}

	private Integer run(String variant, Map<String, Object> properties) {
		return run(variant, Fixture.App.class, WebApplicationType.NONE, properties);
	}

	private Integer run(String variant, Class<?> app, WebApplicationType type, Map<String, Object> settings) {
		Map<String, Object> properties = new LinkedHashMap<>(settings);
		properties.put("server.port", "0");
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
		long started = System.nanoTime();
		this.context = new SpringApplicationBuilder(app).web(type)
			.properties(properties)
			.logStartupInfo(false)
			.applicationStartup(startup)
			.run();
		long refreshed = System.nanoTime();
		Integer one = this.context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
		long queried = System.nanoTime();
		record(variant, refreshed - started, dataSourceBeanNanos(startup), queried - refreshed);
		return one;
	}

	private static long dataSourceBeanNanos(BufferingApplicationStartup startup) {
		return startup.getBufferedTimeline()
			.getEvents()
			.stream()
			.filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
			.filter((event) -> hasTag(event.getStartupStep(), "beanName", "dataSource"))
			.mapToLong((event) -> event.getDuration().toNanos())
			.max()
			.orElse(0);
	}

	private static boolean hasTag(StartupStep step, String key, String value) {
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals(key) && tag.getValue().equals(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Append one line {@code variant,ms,ms,...} to the file named by
	 * {@code benchmark.breakdown}, if any.
	 * @param variant the benchmark variant
	 * @param nanos the phases, in nanoseconds
	 */
	static void record(String variant, long... nanos) {
		String file = System.getProperty("benchmark.breakdown");
		if (file == null || file.isBlank()) {
			return;
		}
		StringBuilder line = new StringBuilder(variant);
		for (long phase : nanos) {
			line.append(',').append(phase / 1_000_000.0);
		}
		try {
			Files.writeString(Path.of(file), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not record the start-up breakdown in " + file, ex);
		}
	}

}
