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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The statistics the benchmarks report: medians, nearest-rank percentiles, minimum and
 * maximum.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * Return the median of one column of the given runs.
	 * @param runs the runs, one array of values each
	 * @param column the column
	 * @return the median, or NaN without runs
	 */
	static double median(List<double[]> runs, int column) {
		if (runs.isEmpty()) {
			return Double.NaN;
		}
		List<Double> values = new ArrayList<>(runs.stream().map((run) -> run[column]).sorted().toList());
		int size = values.size();
		return (size % 2 == 1) ? values.get(size / 2) : (values.get(size / 2 - 1) + values.get(size / 2)) / 2;
	}

	static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

	static double min(List<double[]> values) {
		return values.stream().mapToDouble((value) -> value[0]).min().orElse(Double.NaN);
	}

	static double max(List<double[]> values) {
		return values.stream().mapToDouble((value) -> value[0]).max().orElse(Double.NaN);
	}

	/**
	 * Return the nearest-rank percentile of the given values.
	 * @param values the values, in any order
	 * @param percentile the percentile, 1 to 100
	 * @return the value at that rank
	 */
	static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	/**
	 * Return the nearest-rank percentile of durations in nanoseconds, in milliseconds.
	 * @param nanos the durations
	 * @param percentile the percentile, 1 to 100
	 * @return the duration at that rank, in milliseconds
	 */
	static double percentileMillis(List<Long> nanos, int percentile) {
		return percentile(nanos.stream().map((value) -> value / 1_000_000.0).toList(), percentile);
	}

}
