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

import java.util.Arrays;
import java.util.Random;

/**
 * One latency comparison of {@link PairedBenchmark}: logins measured one by one,
 * interleaved with those of the other variants.
 *
 * @param name what was compared
 * @param starterNanos the latency of each of the starter's logins
 * @param plainNanos the latency of each of the plain alternative's logins, taken in the
 * same iterations
 */
record PairedLatencies(String name, long[] starterNanos, long[] plainNanos) {

	/**
	 * Return the ratio of the median latencies, starter / plain.
	 * @return the ratio
	 */
	double ratio() {
		return Stats.median(this.starterNanos) / Stats.median(this.plainNanos);
	}

	/**
	 * Return the given percentiles of the ratio of the medians over bootstrap resamples
	 * of the iterations (each resample draws whole iterations, both variants' logins of
	 * an iteration together).
	 * @param resamples the number of resamples
	 * @param percentiles the percentiles wanted
	 * @return one ratio per percentile
	 */
	double[] bootstrap(int resamples, double... percentiles) {
		Random random = new Random(PairedBenchmark.SEED);
		int n = this.starterNanos.length;
		double[] ratios = new double[resamples];
		long[] starter = new long[n];
		long[] plain = new long[n];
		for (int resample = 0; resample < resamples; resample++) {
			for (int i = 0; i < n; i++) {
				int drawn = random.nextInt(n);
				starter[i] = this.starterNanos[drawn];
				plain[i] = this.plainNanos[drawn];
			}
			ratios[resample] = Stats.median(starter) / Stats.median(plain);
		}
		Arrays.sort(ratios);
		double[] result = new double[percentiles.length];
		for (int i = 0; i < percentiles.length; i++) {
			result[i] = ratios[(int) Math.min(resamples - 1, Math.floor(percentiles[i] / 100 * resamples))];
		}
		return result;
	}

	double starterMedianMillis() {
		return Stats.median(this.starterNanos) / 1e6;
	}

	double plainMedianMillis() {
		return Stats.median(this.plainNanos) / 1e6;
	}

}
