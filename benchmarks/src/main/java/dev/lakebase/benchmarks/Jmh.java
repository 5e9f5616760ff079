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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks with the suite's settings and reads their scores.
 */
final class Jmh {

	private Jmh() {
	}

	/**
	 * Run every benchmark method of a class.
	 * @return the results by method name
	 */
	static Map<String, RunResult> run(Class<?> benchmark, int forks, int warmups, int measurements, String jvmArg)
			throws Exception {
		return run(benchmark.getName() + "\\.", forks, warmups, measurements, jvmArg);
	}

	/**
	 * Run the benchmark methods that a JMH include pattern selects.
	 * @return the results by method name
	 */
	static Map<String, RunResult> run(String include, int forks, int warmups, int measurements, String jvmArg)
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

	/**
	 * The primary score with its error, where JMH gives one.
	 */
	static String score(RunResult result) {
		Result<?> primary = result.getPrimaryResult();
		double error = primary.getScoreError();
		return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f", primary.getScore())
				: String.format(Locale.ROOT, "%.3f ± %.3f", primary.getScore(), error);
	}

	static double ratio(RunResult starter, RunResult plain) {
		return starter.getPrimaryResult().getScore() / plain.getPrimaryResult().getScore();
	}

}
