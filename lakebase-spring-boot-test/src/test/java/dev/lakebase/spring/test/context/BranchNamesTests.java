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

package dev.lakebase.spring.test.context;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's branch name: valid as a branch id, and saying which run it is for.
 */
class BranchNamesTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:30Z"), ZoneOffset.UTC);

	@Test
	void namesABranchForTheGitHubRunOrTheTime() {
		assertThat(BranchNames.forRun("ci", Map.of("GITHUB_RUN_ID", "4711", "GITHUB_RUN_ATTEMPT", "2"), this.clock))
			.matches("ci-gh4711-2-[0-9a-f]{4}");
		assertThat(BranchNames.forRun("ci", Map.of(), this.clock)).matches("ci-20261203-101530-[0-9a-f]{4}");
	}

	@Test
	void aPrefixBecomesAValidBranchId() {
		assertThat(BranchNames.forRun("My_Tests", Map.of(), this.clock))
			.matches("my-tests-20261203-101530-[0-9a-f]{4}");
		assertThat(BranchNames.forRun("9" + "x".repeat(80), Map.of(), this.clock)).hasSizeLessThanOrEqualTo(63)
			.matches("run-9x+-[0-9a-f]{4}");
	}

	@Test
	void twoContextsOfOneRunGetTwoNames() {
		assertThat(IntStream.range(0, 20).mapToObj((i) -> BranchNames.forRun("ci", Map.of(), this.clock)).distinct())
			.as("names of 20 contexts at the same time")
			.hasSizeGreaterThan(1);
	}

}
