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

package dev.lakebase.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The warm-up's samples still match the SDK's model, so that a newer SDK does not turn
 * the warm-up into a silent failure at its first step.
 */
class DatabricksSdkPreparerTests {

	@Test
	void theSdkTakesEveryStepOfTheWarmUp() {
		assertThatNoException().isThrownBy(DatabricksSdkPreparer::prepare);
	}

}
