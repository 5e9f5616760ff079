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

import dev.lakebase.spring.users.AsUser;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AsUserAdvisor}: it advises the methods annotated {@link AsUser} and those of a
 * class so annotated, and comes before Spring's transaction advisor.
 */
class AsUserAdvisorTests {

	private final AsUserAdvisor advisor = new AsUserAdvisor((invocation) -> invocation.proceed());

	@Test
	void annotatedMethodsAndClassesAreAdvisedAndNothingElse() {
		assertThat(AopUtils.canApply(this.advisor, AnnotatedMethod.class)).isTrue();
		assertThat(AopUtils.canApply(this.advisor, AnnotatedClass.class)).isTrue();
		assertThat(AopUtils.canApply(this.advisor, Plain.class)).isFalse();
	}

	@Test
	void itRunsAheadOfTheTransactionAdvisor() {
		assertThat(this.advisor.getOrder()).isEqualTo(AsUserAdvisor.ORDER).isLessThan(Integer.MAX_VALUE);
	}

	@Test
	void twoAdvisorsAreNeverEqual() {
		AsUserAdvisor other = new AsUserAdvisor((invocation) -> invocation.proceed());
		assertThat(this.advisor).isNotEqualTo(other).isEqualTo(this.advisor);
	}

	static class AnnotatedMethod {

		@AsUser
		void mine() {
		}

		void theirs() {
		}

	}

	@AsUser
	static class AnnotatedClass {

		void mine() {
		}

	}

	static class Plain {

		void theirs() {
		}

	}

}
