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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.lakebase.samples.memory.MemoryServiceApplication;
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
 * a JDBC-only app, once for the sample (web, JPA, Flyway, Actuator). The JDBC-only app
 * also starts with the starter on a native password (the same variables plus
 * {@code PGPASSWORD}): the starter without the Databricks SDK. The emulator runs in a JVM
 * of its own ({@link EmulatorProcess}), as the workspace and the database are other
 * machines on Databricks Apps. Each run also appends where its time and its CPU went to
 * the file named by {@code benchmark.breakdown}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class StartupBenchmark {

	private EmulatorProcess emulator;

	private ConfigurableApplicationContext context;

	@Setup(Level.Iteration)
	public void start() {
		this.emulator = EmulatorProcess.start();
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
		return run("starter", this.emulator.appsEnvironment());
	}

	@Benchmark
	public Integer starterNativePassword() {
		return run("starterNativePassword", this.emulator.nativePasswordEnvironment());
	}

	@Benchmark
	public Integer handWrittenSdk() {
		return run("handWrittenSdk", Fixture.HandWrittenSdkApp.class, WebApplicationType.NONE,
				this.emulator.handWrittenSdkEnvironment());
	}

	@Benchmark
	public Integer plain() {
		return run("plain", this.emulator.plainProperties());
	}

	@Benchmark
	public Integer sampleStarter() {
		return run("sampleStarter", MemoryServiceApplication.class, WebApplicationType.SERVLET,
				this.emulator.appsEnvironment());
	}

	@Benchmark
	public Integer samplePlain() {
		return run("samplePlain", MemoryServiceApplication.class, WebApplicationType.SERVLET,
				this.emulator.plainProperties());
	}

	private Integer run(String variant, Map<String, Object> properties) {
		return run(variant, Fixture.App.class, WebApplicationType.NONE, properties);
	}

	private Integer run(String variant, Class<?> app, WebApplicationType type, Map<String, Object> settings) {
		Map<String, Object> properties = new LinkedHashMap<>(settings);
		properties.put("server.port", "0");
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
		Cpu before = Cpu.now();
		long started = System.nanoTime();
		this.context = new SpringApplicationBuilder(app).web(type)
			.properties(properties)
			.logStartupInfo(false)
			.applicationStartup(startup)
			.run();
		long refreshed = System.nanoTime();
		Integer one = this.context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
		long queried = System.nanoTime();
		Cpu used = Cpu.now().since(before);
		record(variant, refreshed - started, dataSourceBeanNanos(startup), queried - refreshed, used.process(),
				used.thread(), used.compilers());
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
	 * CPU time used so far: by the process, by the calling thread (the one that starts
	 * the app), and by the JIT compiler threads (read from {@code /proc}, Linux only; -1
	 * elsewhere), in nanoseconds.
	 */
	record Cpu(long process, long thread, long compilers) {

		private static final long NANOS_PER_TICK = 10_000_000;

		static Cpu now() {
			long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			return new Cpu(process, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), compilerNanos());
		}

		Cpu since(Cpu earlier) {
			return new Cpu(this.process - earlier.process, this.thread - earlier.thread,
					(this.compilers < 0 || earlier.compilers < 0) ? -1 : this.compilers - earlier.compilers);
		}

		/**
		 * The CPU time of the C1 and C2 compiler threads: fields 14 and 15 of
		 * {@code /proc/self/task/<tid>/stat}, in clock ticks of 10 ms.
		 */
		private static long compilerNanos() {
			Path tasks = Path.of("/proc/self/task");
			if (!Files.isDirectory(tasks)) {
				return -1;
			}
			long ticks = 0;
			try (Stream<Path> threads = Files.list(tasks)) {
				for (Path thread : threads.toList()) {
					try {
						if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
							String stat = Files.readString(thread.resolve("stat"));
							String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
							ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						}
					}
					catch (IOException ex) {
						// the thread ended meanwhile
					}
				}
			}
			catch (IOException ex) {
				return -1;
			}
			return ticks * NANOS_PER_TICK;
		}

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
