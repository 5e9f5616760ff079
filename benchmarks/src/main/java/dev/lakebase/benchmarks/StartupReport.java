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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 5, application start: runs {@link StartupBenchmark} and
 * {@link SdkFirstUseBenchmark} in fresh JVMs, round by round, and writes their section of
 * the report from the phases each JVM records.
 */
final class StartupReport {

	private StartupReport() {
	}

	static void write(Report report, int rounds, List<String> variants) throws Exception {
		Path breakdown = Files.createTempFile("startup-breakdown", ".csv");
		String record = "-Dbenchmark.breakdown=" + breakdown;
		// One JVM per variant in each round, the variants one after the other, so
		// that a change of the machine's speed hits every variant alike (JMH would
		// run the ten JVMs of one variant before those of the next).
		for (int round = 0; round < rounds; round++) {
			for (String variant : variants) {
				Jmh.run(StartupBenchmark.class.getName() + "\\." + variant + "$", 1, 0, 1, record);
			}
			Jmh.run(SdkFirstUseBenchmark.class.getName() + "\\.", 1, 0, 1, record);
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
		report.line(
				"## 5. Application start in a fresh JVM: context refresh + first query (ms, %d rounds of one JVM per variant)",
				rounds);
		report.line("");
		report.line(
				"| | total, median | min to max | refresh, median | of which `dataSource` bean | first query, median |");
		report.line("|---|---|---|---|---|---|");
		for (String variant : variants) {
			List<double[]> totals = totals(phases.getOrDefault(variant, List.of()));
			List<double[]> runs = phases.getOrDefault(variant, List.of());
			report.line("| %s | %.0f | %.0f to %.0f | %.0f | %.0f | %.0f |", variant, Stats.median(totals, 0),
					Stats.min(totals), Stats.max(totals), Stats.median(runs, 0), Stats.median(runs, 1),
					Stats.median(runs, 2));
		}
		report.line("");
		report
			.line("The JDBC-only app on the starter / the same app minting its credential through the Databricks SDK by "
					+ "hand (target <= 1.05), ratio of the medians and, in brackets, the median of the per-round ratios (min "
					+ "to max): %s", startupRatio(phases, "starter", "handWrittenSdk"));
		report.line("");
		report.line(
				"starter / plain, ratio of the medians and, in brackets, the median of the per-round ratios (min to max): "
						+ "JDBC-only app %s, sample app %s; the JDBC-only app with the starter on a native password (no "
						+ "Databricks SDK) / plain %s",
				startupRatio(phases, "starter", "plain"), startupRatio(phases, "sampleStarter", "samplePlain"),
				startupRatio(phases, "starterNativePassword", "plain"));
		report.line("");
		report
			.line("CPU time from the start to the first query's answer (ms, median): the whole process, the thread that "
					+ "starts the app, the JIT compiler threads, and the rest (the starter's background thread, the "
					+ "pool's threads, GC):");
		report.line("");
		report.line("| | process | the app's thread | JIT compiler | the rest |");
		report.line("|---|---|---|---|---|");
		for (String variant : variants) {
			List<double[]> runs = phases.getOrDefault(variant, List.of());
			// Without /proc (not Linux) the JIT's share is unknown (recorded as negative)
			boolean jitKnown = runs.stream().allMatch((run) -> run[5] >= 0);
			List<double[]> rest = runs.stream().map((run) -> new double[] { run[3] - run[4] - run[5] }).toList();
			report.line("| %s | %.0f | %.0f | %s | %s |", variant, Stats.median(runs, 3), Stats.median(runs, 4),
					jitKnown ? String.format(Locale.ROOT, "%.0f", Stats.median(runs, 5)) : "n/a",
					jitKnown ? String.format(Locale.ROOT, "%.0f", Stats.median(rest, 0)) : "n/a");
		}
		report.line("");
		List<double[]> sdk = phases.getOrDefault("sdk", List.of());
		report.line(
				"The Databricks SDK's first use in a fresh JVM, the starter's calls on Databricks Apps (ms, median of %d):",
				sdk.size());
		report.line("");
		report.line(
				"| configuration object | resolve (HTTP client, host metadata) | OAuth token | SDK client (3 services) | find the endpoint by host | first mint | total | of which CPU |");
		report.line("|---|---|---|---|---|---|---|---|");
		report.line("| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", Stats.median(sdk, 0),
				Stats.median(sdk, 1), Stats.median(sdk, 2), Stats.median(sdk, 3), Stats.median(sdk, 4),
				Stats.median(sdk, 5), Stats.median(sdk, 6), Stats.median(sdk, 7));
		report.line("");
		List<double[]> parts = phases.getOrDefault("sdkParts", List.of());
		report.line(
				"The same calls with what `resolve()` builds on set up first, one part at a time (ms, median of %d):",
				parts.size());
		report.line("");
		report.line(
				"| JDK default SSL context | Apache HttpClient | Jackson's first mapper and read | the SDK's mapper modules | resolve + OAuth token (the SDK's own part) | find the endpoint by host + first mint | total | of which CPU |");
		report.line("|---|---|---|---|---|---|---|---|");
		report.line("| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", Stats.median(parts, 0),
				Stats.median(parts, 1), Stats.median(parts, 2), Stats.median(parts, 3), Stats.median(parts, 4),
				Stats.median(parts, 5), Stats.median(parts, 6), Stats.median(parts, 7));
		report.line("");
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
				Stats.median(starterTotals, 0) / Stats.median(plainTotals, 0), Stats.median(perRound, 0),
				Stats.min(perRound), Stats.max(perRound));
	}

}
