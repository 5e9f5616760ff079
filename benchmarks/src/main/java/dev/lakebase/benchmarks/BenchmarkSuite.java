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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and writes a Markdown report: pool throughput, login
 * latency, the credential hot path and application start (JMH), the cold start herd and
 * wake latency (measured directly against the emulator).
 *
 * <p>
 * Run: {@code ./mvnw -B -Pbenchmarks -DskipTests verify}; the report lands in
 * {@code benchmarks/target/benchmark-report.md}. {@code -Dbenchmark.only=pool,login} runs
 * a subset ({@code pool}, {@code login}, {@code paired}, {@code credential},
 * {@code startup}, {@code herd}, {@code wake}, {@code apps}).
 */
public final class BenchmarkSuite {

	private static final int HERD_ROUNDS = 10;

	private static final int STARTUP_ROUNDS = 10;

	private static final List<String> STARTUP_VARIANTS = List.of("starter", "handWrittenSdk", "starterNativePassword",
			"plain", "sampleStarter", "samplePlain");

	private static final int PAIRED_ROUNDS = 30;

	private static final int APPS_ROUNDS = 5;

	private static final int PAIRED_LOGINS = 2000;

	private static final int BOOTSTRAP_RESAMPLES = 2000;

	private final StringBuilder report = new StringBuilder();

	private final String only = System.getProperty("benchmark.only", "");

	private BenchmarkSuite() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkSuite suite = new BenchmarkSuite();
		suite.run();
		String report = suite.report.toString();
		System.out.println();
		System.out.println(report);
		String file = System.getProperty("benchmark.report");
		if (file != null && !file.isBlank()) {
			Files.writeString(Path.of(file), report);
			System.out.println("Report written to " + file);
		}
		System.exit(0);
	}

	private boolean selected(String name) {
		return this.only.isBlank() || List.of(this.only.split(",")).contains(name);
	}

	private void run() throws Exception {
		line("# Benchmark report");
		line("");
		line("%s, %d cores, %s %s, `./mvnw -B -Pbenchmarks -DskipTests verify`", LocalDate.now(),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"));
		line("");
		if (selected("pool")) {
			Map<String, RunResult> pool = jmh(PoolBenchmark.class, 3, 3, 8, null);
			line("## 1. Borrow + SELECT 1 + return (ops/s, higher is better)");
			line("");
			line("| threads | starter | plain HikariCP | starter / plain |");
			line("|---|---|---|---|");
			ratioRow("1", pool.get("starter1Thread"), pool.get("plain1Thread"));
			ratioRow("8", pool.get("starter8Threads"), pool.get("plain8Threads"));
			line("");
		}
		if (selected("login")) {
			Map<String, RunResult> login = jmh(LoginBenchmark.class, 3, 3, 5, null);
			line("## 2. New physical connection with a cached credential (ms/op, lower is better)");
			line("");
			line("| starter | plain driver | starter / plain | driver with the starter's URL, user and token | starter / that |");
			line("|---|---|---|---|---|");
			line("| %s | %s | %.3f | %s | %.3f |", score(login.get("starterLogin")), score(login.get("plainLogin")),
					ratio(login.get("starterLogin"), login.get("plainLogin")),
					score(login.get("driverWithStarterSettings")),
					ratio(login.get("starterLogin"), login.get("driverWithStarterSettings")));
			line("");
		}
		if (selected("paired")) {
			paired();
		}
		if (selected("credential")) {
			Map<String, RunResult> credential = jmh(CredentialBenchmark.class, 3, 3, 5, null);
			line("## 3. Credential on the hot path (ns/op)");
			line("");
			line("| starter credentials provider | plain HikariCP's credentials | volatile read |");
			line("|---|---|---|");
			line("| %s | %s | %s |", score(credential.get("starterCredential")),
					score(credential.get("plainCredential")), score(credential.get("volatileRead")));
			line("");
		}
		if (selected("herd")) {
			herd();
		}
		if (selected("startup")) {
			startup();
		}
		if (selected("wake")) {
			wake();
		}
		if (selected("apps")) {
			appsRuntime();
		}
	}

	private void appsRuntime() throws Exception {
		Map<String, List<AppsRuntimeBenchmark.Run>> runs = AppsRuntimeBenchmark.run(APPS_ROUNDS,
				Path.of(System.getProperty("benchmark.sample.deploy-directory")),
				Path.of(System.getProperty("benchmark.sample.jar")),
				Files.createTempDirectory("apps-runtime-benchmark"));
		line("## 7. The sample as Databricks Apps run it, next to `java -jar` (%d rounds of one process per variant)",
				APPS_ROUNDS);
		line("");
		line("Start: from the process start to the first served request. Memory: resident set (VmRSS) once the first "
				+ "request is served, after %d light requests (a message written and the session read in turn, one "
				+ "client), and the process's peak (VmHWM). Medians, in ms and MB; every variant runs with "
				+ "`app.yaml`'s JVM options.", AppsRuntimeBenchmark.LOAD_REQUESTS);
		line("");
		line("| | start | min to max | RSS after start | RSS after load | peak RSS |");
		line("|---|---|---|---|---|---|");
		for (Map.Entry<String, List<AppsRuntimeBenchmark.Run>> variant : runs.entrySet()) {
			List<double[]> start = column(variant.getValue(), AppsRuntimeBenchmark.Run::startMillis);
			line("| %s | %.0f | %.0f to %.0f | %.0f | %.0f | %.0f |", variant.getKey(), median(start, 0), min(start),
					max(start), median(column(variant.getValue(), AppsRuntimeBenchmark.Run::rssAfterStartMb), 0),
					median(column(variant.getValue(), AppsRuntimeBenchmark.Run::rssAfterLoadMb), 0),
					median(column(variant.getValue(), AppsRuntimeBenchmark.Run::peakRssMb), 0));
		}
		line("");
	}

	private static List<double[]> column(List<AppsRuntimeBenchmark.Run> runs,
			ToDoubleFunction<AppsRuntimeBenchmark.Run> value) {
		return runs.stream().map((run) -> new double[] { value.applyAsDouble(run) }).toList();
	}

	private void paired() throws Exception {
		PairedBenchmark.Result result = PairedBenchmark.run(PAIRED_ROUNDS, PAIRED_LOGINS, 1, 8);
		line("## 1, paired: both pools in one JVM, alternating 1 s windows, %d rounds (one ratio per round)",
				PAIRED_ROUNDS);
		line("");
		line("| comparison | starter ops/s | plain ops/s | ratio, median | 10th to 90th percentile | rounds >= 0.98 |");
		line("|---|---|---|---|---|---|");
		for (PairedBenchmark.Row row : result.pool()) {
			long within = row.ratios(false).stream().filter((ratio) -> ratio >= 0.98).count();
			line("| %s | %.0f | %.0f | %.3f | %.3f to %.3f | %d of %d |", row.name(), row.starterPerSecond(),
					row.plainPerSecond(), row.ratioPercentile(false, 50), row.ratioPercentile(false, 10),
					row.ratioPercentile(false, 90), within, row.starterOps().size());
		}
		line("");
		line("## 2, paired: %d logins of each variant, one of each per iteration in a shuffled order", PAIRED_LOGINS);
		line("");
		line("| comparison | starter, median ms | plain, median ms | ratio of the medians (target <= 1.05) | 95 %% bootstrap interval |");
		line("|---|---|---|---|---|");
		for (PairedBenchmark.Latencies login : result.login()) {
			double[] interval = login.bootstrap(BOOTSTRAP_RESAMPLES, 2.5, 97.5);
			line("| %s | %.2f | %.2f | %.3f | %.3f to %.3f |", login.name(), login.starterMedianMillis(),
					login.plainMedianMillis(), login.ratio(), interval[0], interval[1]);
		}
		line("");
		line("In the %s rows the first column is the plain alternative's identical copy (a second plain pool, "
				+ "the same driver login): their ratios are what a difference of zero gives on this machine.",
				PairedBenchmark.CONTROL);
		line("");
	}

	private void herd() throws Exception {
		List<HerdBenchmark.Round> rounds = HerdBenchmark.run(HERD_ROUNDS);
		List<Long> starter = rounds.stream().map(HerdBenchmark.Round::starterNanos).toList();
		List<Long> plain = rounds.stream().map(HerdBenchmark.Round::plainNanos).toList();
		int maxMints = rounds.stream().mapToInt(HerdBenchmark.Round::mints).max().orElse(-1);
		int minMints = rounds.stream().mapToInt(HerdBenchmark.Round::mints).min().orElse(-1);
		line("## 4. Cold start herd: %d threads, empty pool (%d rounds, a fresh app each)", HerdBenchmark.THREADS,
				HERD_ROUNDS);
		line("");
		line("| | mints per round | all served, median | p95 |");
		line("|---|---|---|---|");
		line("| starter | %s | %.1f ms | %.1f ms |", (minMints == maxMints) ? minMints : minMints + " to " + maxMints,
				WakeLatencyBenchmark.percentile(starter, 50), WakeLatencyBenchmark.percentile(starter, 95));
		line("| plain HikariCP | n/a | %.1f ms | %.1f ms |", WakeLatencyBenchmark.percentile(plain, 50),
				WakeLatencyBenchmark.percentile(plain, 95));
		line("");
	}

	private void startup() throws Exception {
		Path breakdown = Files.createTempFile("startup-breakdown", ".csv");
		String record = "-Dbenchmark.breakdown=" + breakdown;
		// One JVM per variant in each round, the variants one after the other, so
		// that a change of the machine's speed hits every variant alike (JMH would
		// run the ten JVMs of one variant before those of the next).
		for (int round = 0; round < STARTUP_ROUNDS; round++) {
			for (String variant : STARTUP_VARIANTS) {
				jmh(StartupBenchmark.class.getName() + "\\." + variant + "$", 1, 0, 1, record);
			}
			jmh(SdkFirstUseBenchmark.class.getName() + "\\.", 1, 0, 1, record);
		}
		Map<String, List<double[]>> phases = new LinkedHashMap<>();
		for (String row : Files.readAllLines(breakdown)) {
			String[] parts = row.split(",");
			double[] values = new double[parts.length - 1];
			for (int i = 1; i < parts.length; i++) {
				values[i - 1] = Double.parseDouble(parts[i]);
			}
			phases.computeIfAbsent(parts[0], (key) -> new ArrayList<>()).add(values);
		}
		line("## 5. Application start in a fresh JVM: context refresh + first query (ms, %d rounds of one JVM per variant)",
				STARTUP_ROUNDS);
		line("");
		line("| | total, median | min to max | refresh, median | of which `dataSource` bean | first query, median |");
		line("|---|---|---|---|---|---|");
		for (String variant : STARTUP_VARIANTS) {
			List<double[]> totals = totals(phases.getOrDefault(variant, List.of()));
			List<double[]> runs = phases.getOrDefault(variant, List.of());
			line("| %s | %.0f | %.0f to %.0f | %.0f | %.0f | %.0f |", variant, median(totals, 0), min(totals),
					max(totals), median(runs, 0), median(runs, 1), median(runs, 2));
		}
		line("");
		line("The JDBC-only app on the starter / the same app minting its credential through the Databricks SDK by "
				+ "hand (target <= 1.05), ratio of the medians and, in brackets, the median of the per-round ratios (min "
				+ "to max): %s", startupRatio(phases, "starter", "handWrittenSdk"));
		line("");
		line("starter / plain, ratio of the medians and, in brackets, the median of the per-round ratios (min to max): "
				+ "JDBC-only app %s, sample app %s; the JDBC-only app with the starter on a native password (no "
				+ "Databricks SDK) / plain %s", startupRatio(phases, "starter", "plain"),
				startupRatio(phases, "sampleStarter", "samplePlain"),
				startupRatio(phases, "starterNativePassword", "plain"));
		line("");
		line("CPU time from the start to the first query's answer (ms, median): the whole process, the thread that "
				+ "starts the app, the JIT compiler threads, and the rest (the starter's background thread, the "
				+ "pool's threads, GC):");
		line("");
		line("| | process | the app's thread | JIT compiler | the rest |");
		line("|---|---|---|---|---|");
		for (String variant : STARTUP_VARIANTS) {
			List<double[]> runs = phases.getOrDefault(variant, List.of());
			// Without /proc (not Linux) the JIT's share is unknown (recorded as negative)
			boolean jitKnown = runs.stream().allMatch((run) -> run[5] >= 0);
			List<double[]> rest = runs.stream().map((run) -> new double[] { run[3] - run[4] - run[5] }).toList();
			line("| %s | %.0f | %.0f | %s | %s |", variant, median(runs, 3), median(runs, 4),
					jitKnown ? String.format(Locale.ROOT, "%.0f", median(runs, 5)) : "n/a",
					jitKnown ? String.format(Locale.ROOT, "%.0f", median(rest, 0)) : "n/a");
		}
		line("");
		List<double[]> sdk = phases.getOrDefault("sdk", List.of());
		line("The Databricks SDK's first use in a fresh JVM, the starter's calls on Databricks Apps (ms, median of %d):",
				sdk.size());
		line("");
		line("| configuration object | resolve (HTTP client, host metadata) | OAuth token | SDK client (3 services) | find the endpoint by host | first mint | total | of which CPU |");
		line("|---|---|---|---|---|---|---|---|");
		line("| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", median(sdk, 0), median(sdk, 1),
				median(sdk, 2), median(sdk, 3), median(sdk, 4), median(sdk, 5), median(sdk, 6), median(sdk, 7));
		line("");
		List<double[]> parts = phases.getOrDefault("sdkParts", List.of());
		line("The same calls with what `resolve()` builds on set up first, one part at a time (ms, median of %d):",
				parts.size());
		line("");
		line("| JDK default SSL context | Apache HttpClient | Jackson's first mapper and read | the SDK's mapper modules | resolve + OAuth token (the SDK's own part) | find the endpoint by host + first mint | total | of which CPU |");
		line("|---|---|---|---|---|---|---|---|");
		line("| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", median(parts, 0), median(parts, 1),
				median(parts, 2), median(parts, 3), median(parts, 4), median(parts, 5), median(parts, 6),
				median(parts, 7));
		line("");
	}

	/**
	 * The total of each start: the context refresh plus the first query.
	 */
	private static List<double[]> totals(List<double[]> runs) {
		return runs.stream().map((run) -> new double[] { run[0] + run[2] }).toList();
	}

	private static String startupRatio(Map<String, List<double[]>> phases, String starter, String plain) {
		List<double[]> starterTotals = totals(phases.getOrDefault(starter, List.of()));
		List<double[]> plainTotals = totals(phases.getOrDefault(plain, List.of()));
		List<double[]> perRound = new ArrayList<>();
		for (int i = 0; i < Math.min(starterTotals.size(), plainTotals.size()); i++) {
			perRound.add(new double[] { starterTotals.get(i)[0] / plainTotals.get(i)[0] });
		}
		return String.format(Locale.ROOT, "%.3f (%.3f, %.3f to %.3f)",
				median(starterTotals, 0) / median(plainTotals, 0), median(perRound, 0), min(perRound), max(perRound));
	}

	private static double min(List<double[]> values) {
		return values.stream().mapToDouble((value) -> value[0]).min().orElse(Double.NaN);
	}

	private static double max(List<double[]> values) {
		return values.stream().mapToDouble((value) -> value[0]).max().orElse(Double.NaN);
	}

	private void wake() throws Exception {
		List<WakeLatencyBenchmark.Row> rows = WakeLatencyBenchmark.run(Integer.getInteger("benchmark.wakes", 30),
				Duration.ofMillis(300));
		line("## 6. Wake latency (ms; wake delay 300 ms, %d wakes per mode)",
				Integer.getInteger("benchmark.wakes", 30));
		line("");
		line("| wake mode | after ready, median | p95 | suspend to first query, median | p95 |");
		line("|---|---|---|---|---|");
		for (WakeLatencyBenchmark.Row row : rows) {
			line("| %s | %.1f | %.1f | %.1f | %.1f |", row.mode(), row.afterReadyMedian(), row.afterReadyP95(),
					row.totalMedian(), row.totalP95());
		}
		line("");
	}

	private static Map<String, RunResult> jmh(Class<?> benchmark, int forks, int warmups, int measurements,
			String jvmArg) throws Exception {
		return jmh(benchmark.getName() + "\\.", forks, warmups, measurements, jvmArg);
	}

	private static Map<String, RunResult> jmh(String include, int forks, int warmups, int measurements, String jvmArg)
			throws Exception {
		ChainedOptionsBuilder options = new OptionsBuilder().include(include)
			.forks(forks)
			.warmupIterations(warmups)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(measurements)
			.measurementTime(TimeValue.seconds(2))
			.jvmArgsAppend("-Xmx1g");
		if (jvmArg != null) {
			options.jvmArgsAppend(jvmArg);
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, RunResult> byMethod = new LinkedHashMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			byMethod.put(name.substring(name.lastIndexOf('.') + 1), result);
		}
		return byMethod;
	}

	private void ratioRow(String label, RunResult starter, RunResult plain) {
		line("| %s | %s | %s | %.3f |", label, score(starter), score(plain), ratio(starter, plain));
	}

	private static String score(RunResult result) {
		Result<?> primary = result.getPrimaryResult();
		double error = primary.getScoreError();
		return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f", primary.getScore())
				: String.format(Locale.ROOT, "%.3f ± %.3f", primary.getScore(), error);
	}

	private static double ratio(RunResult starter, RunResult plain) {
		return starter.getPrimaryResult().getScore() / plain.getPrimaryResult().getScore();
	}

	private static double median(List<double[]> runs, int column) {
		if (runs.isEmpty()) {
			return Double.NaN;
		}
		List<Double> values = new ArrayList<>(runs.stream().map((run) -> run[column]).sorted().toList());
		int size = values.size();
		return (size % 2 == 1) ? values.get(size / 2) : (values.get(size / 2 - 1) + values.get(size / 2)) / 2;
	}

	private void line(String format, Object... args) {
		this.report.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
