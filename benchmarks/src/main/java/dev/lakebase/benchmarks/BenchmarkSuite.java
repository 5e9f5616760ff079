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
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.openjdk.jmh.results.RunResult;

/**
 * Runs every benchmark in one go and writes a Markdown report: pool throughput, login
 * latency, the credential hot path and application start (JMH), the cold start herd and
 * wake latency (measured directly against the emulator).
 *
 * <p>
 * Run: {@code ./mvnw -B -Pbenchmarks -DskipTests verify}; the report lands in
 * {@code benchmarks/target/benchmark-report.md}. {@code -Dbenchmark.only=pool,login} runs
 * a subset ({@code pool}, {@code login}, {@code paired}, {@code credential},
 * {@code startup}, {@code herd}, {@code wake}, {@code apps}, {@code users},
 * {@code pooler}).
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

	private static final int USERS_ITERATIONS = 3000;

	private static final int USERS_NEW = 20;

	private static final Duration POOLER_LOAD = Duration.ofSeconds(15);

	private final Report report = new Report();

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
			Map<String, RunResult> pool = Jmh.run(PoolBenchmark.class, 3, 3, 8, null);
			line("## 1. Borrow + SELECT 1 + return (ops/s, higher is better)");
			line("");
			line("| threads | starter | plain HikariCP | starter / plain |");
			line("|---|---|---|---|");
			ratioRow("1", pool.get("starter1Thread"), pool.get("plain1Thread"));
			ratioRow("8", pool.get("starter8Threads"), pool.get("plain8Threads"));
			line("");
		}
		if (selected("login")) {
			Map<String, RunResult> login = Jmh.run(LoginBenchmark.class, 3, 3, 5, null);
			line("## 2. New physical connection with a cached credential (ms/op, lower is better)");
			line("");
			line("| starter | plain driver | starter / plain | driver with the starter's URL, user and token | starter / that |");
			line("|---|---|---|---|---|");
			line("| %s | %s | %.3f | %s | %.3f |", Jmh.score(login.get("starterLogin")),
					Jmh.score(login.get("plainLogin")), Jmh.ratio(login.get("starterLogin"), login.get("plainLogin")),
					Jmh.score(login.get("driverWithStarterSettings")),
					Jmh.ratio(login.get("starterLogin"), login.get("driverWithStarterSettings")));
			line("");
		}
		if (selected("paired")) {
			paired();
		}
		if (selected("credential")) {
			Map<String, RunResult> credential = Jmh.run(CredentialBenchmark.class, 3, 3, 5, null);
			line("## 3. Credential on the hot path (ns/op)");
			line("");
			line("| starter credentials provider | plain HikariCP's credentials | volatile read |");
			line("|---|---|---|");
			line("| %s | %s | %s |", Jmh.score(credential.get("starterCredential")),
					Jmh.score(credential.get("plainCredential")), Jmh.score(credential.get("volatileRead")));
			line("");
		}
		if (selected("herd")) {
			herd();
		}
		if (selected("startup")) {
			StartupReport.write(this.report, STARTUP_ROUNDS, STARTUP_VARIANTS);
		}
		if (selected("wake")) {
			wake();
		}
		if (selected("apps")) {
			appsRuntime();
		}
		if (selected("users")) {
			users();
		}
		if (selected("pooler")) {
			pooler();
		}
	}

	private void pooler() throws Exception {
		List<PoolerBenchmark.Result> results = PoolerBenchmark.run(POOLER_LOAD);
		line("## 9. The connection pooler: app instances of %d request threads and a pool of %d each, against 0.5 CU "
				+ "(104 connections), %d s of load per row", PoolerBenchmark.THREADS, PoolerBenchmark.POOL,
				POOLER_LOAD.toSeconds());
		line("");
		line("| host | instances | requests/s | p50 ms | p99 ms | failed | slowest / median instance |");
		line("|---|---|---|---|---|---|---|");
		for (PoolerBenchmark.Result result : results) {
			line("| %s | %d | %.0f | %.1f | %.1f | %d | %.2f |", result.pooled() ? "pooled" : "direct",
					result.instances(), result.throughput(), Stats.percentileMillis(result.latenciesNanos(), 50),
					Stats.percentileMillis(result.latenciesNanos(), 99), result.failed(), result.spread());
		}
		line("");
	}

	private void users() throws Exception {
		UsersBenchmark.Result result = UsersBenchmark.run(USERS_ITERATIONS, USERS_NEW);
		line("## 8. Requests as a user (%d requests of each, one of each per iteration in a shuffled order)",
				USERS_ITERATIONS);
		line("");
		line("| comparison | first, median ms | second, median ms | ratio of the medians (target <= 1.05) | 95 %% bootstrap interval |");
		line("|---|---|---|---|---|");
		for (PairedLatencies row : List.of(result.warm(), result.control())) {
			double[] interval = row.bootstrap(BOOTSTRAP_RESAMPLES, 2.5, 97.5);
			line("| %s | %.3f | %.3f | %.3f | %.3f to %.3f |", row.name(), row.starterMedianMillis(),
					row.plainMedianMillis(), row.ratio(), interval[0], interval[1]);
		}
		line("");
		List<Long> first = java.util.Arrays.stream(result.firstRequestNanos()).boxed().toList();
		line("First request of a new user (identity lookup, credential mint, login), %d users: median %.1f ms, "
				+ "p95 %.1f ms.", first.size(), Stats.percentileMillis(first, 50), Stats.percentileMillis(first, 95));
		line("");
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
			line("| %s | %.0f | %.0f to %.0f | %.0f | %.0f | %.0f |", variant.getKey(), Stats.median(start, 0),
					Stats.min(start), Stats.max(start),
					Stats.median(column(variant.getValue(), AppsRuntimeBenchmark.Run::rssAfterStartMb), 0),
					Stats.median(column(variant.getValue(), AppsRuntimeBenchmark.Run::rssAfterLoadMb), 0),
					Stats.median(column(variant.getValue(), AppsRuntimeBenchmark.Run::peakRssMb), 0));
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
		for (PairedRatios row : result.pool()) {
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
		for (PairedLatencies login : result.login()) {
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
				Stats.percentileMillis(starter, 50), Stats.percentileMillis(starter, 95));
		line("| plain HikariCP | n/a | %.1f ms | %.1f ms |", Stats.percentileMillis(plain, 50),
				Stats.percentileMillis(plain, 95));
		line("");
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

	private void ratioRow(String label, RunResult starter, RunResult plain) {
		line("| %s | %s | %s | %.3f |", label, Jmh.score(starter), Jmh.score(plain), Jmh.ratio(starter, plain));
	}

	private void line(String format, Object... args) {
		this.report.line(format, args);
	}

}
