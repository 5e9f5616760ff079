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
import java.util.Collections;
import java.util.List;

/**
 * One throughput comparison of {@link PairedBenchmark}, a ratio per round.
 *
 * @param name what was compared
 * @param starterOps the starter's operations per round
 * @param plainOps the plain alternative's operations per round
 */
record PairedRatios(String name, List<Long> starterOps, List<Long> plainOps) {

	/**
	 * Return the per-round ratios starter / plain.
	 * @param latency whether of latency (time per operation) rather than throughput
	 * @return the ratios, sorted
	 */
	List<Double> ratios(boolean latency) {
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < this.starterOps.size(); round++) {
			double throughput = (double) this.starterOps.get(round) / this.plainOps.get(round);
			ratios.add(latency ? 1 / throughput : throughput);
		}
		Collections.sort(ratios);
		return ratios;
	}

	double ratioPercentile(boolean latency, int percentile) {
		return Stats.percentile(ratios(latency), percentile);
	}

	double starterPerSecond() {
		return perSecond(this.starterOps);
	}

	double plainPerSecond() {
		return perSecond(this.plainOps);
	}

	private static double perSecond(List<Long> ops) {
		return ops.stream().mapToLong(Long::longValue).sum() / (ops.size() * (PairedBenchmark.WINDOW_NANOS / 1e9));
	}

}
