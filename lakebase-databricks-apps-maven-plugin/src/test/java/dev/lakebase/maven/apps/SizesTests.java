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

package dev.lakebase.maven.apps;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Sizes}: file sizes as the plugin's messages give them, in decimal units as the
 * Databricks Apps limit (10 MB) is stated.
 */
class SizesTests {

	@Test
	void belowWhatRoundsToAMegabyteInKilobytesElseInMegabytes() {
		assertThat(Sizes.describe(999_949)).isEqualTo("999.9 kB");
		assertThat(Sizes.describe(999_950)).as("rounded up to the next unit").isEqualTo("1.0 MB");
		assertThat(Sizes.describe(999_999)).isEqualTo("1.0 MB");
		assertThat(Sizes.describe(1_500)).isEqualTo("1.5 kB");
		assertThat(Sizes.describe(10_000_000)).isEqualTo("10.0 MB");
		assertThat(Sizes.describe(12_345_678)).isEqualTo("12.3 MB");
	}

}
