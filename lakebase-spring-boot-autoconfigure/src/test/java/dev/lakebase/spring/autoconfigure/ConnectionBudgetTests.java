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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectionBudget}: the platform's connection limits by compute size, and the
 * numbers of a budget.
 */
class ConnectionBudgetTests {

	@Test
	void theLimitFollowsThePlatformsTable() {
		assertThat(ConnectionBudget.connectionLimit(0.5)).isEqualTo(104);
		assertThat(ConnectionBudget.connectionLimit(1)).isEqualTo(209);
		assertThat(ConnectionBudget.connectionLimit(2)).isEqualTo(419);
		assertThat(ConnectionBudget.connectionLimit(4)).isEqualTo(839);
		assertThat(ConnectionBudget.connectionLimit(8)).isEqualTo(1678);
		assertThat(ConnectionBudget.connectionLimit(32)).isEqualTo(4000);
		assertThat(ConnectionBudget.connectionLimit(112)).isEqualTo(4000);
		assertThat(ConnectionBudget.connectionLimit(20 / 209.75)).isEqualTo(20);
	}

	@Test
	void directPoolsOfEveryInstanceWithHeadroomCountAgainstTheCompute() {
		ConnectionBudget.Budget budget = new ConnectionBudget.Budget("endpoint e", 0.5, 104, false, 5,
				"lakebase.budget.instances", 25, 0, 10);
		assertThat(budget.demand()).isEqualTo(135);
		assertThat(budget.limit()).isEqualTo(104);
		assertThat(budget.fits()).isFalse();
		assertThat(budget.fittingPoolSize()).isEqualTo(18);
		assertThat(budget).hasToString("5 instances (lakebase.budget.instances) x (pool 25) + headroom 10 = 135 "
				+ "connections for the 104 that endpoint e allows at its maximum of 0.5 CU");
	}

	@Test
	void usersPoolsAtTheirCapCount() {
		ConnectionBudget.Budget budget = new ConnectionBudget.Budget("endpoint e", 2, 419, false, 1, "assumed", 10, 150,
				10);
		assertThat(budget.demand()).isEqualTo(170);
		assertThat(budget.fits()).isTrue();
		assertThat(budget.toString()).contains("x (pool 10 + users' pools 150)").contains("maximum of 2 CU");
	}

	@Test
	void throughThePoolerTheAppsPoolsShareOneServerPoolOfTheCompute() {
		ConnectionBudget.Budget budget = new ConnectionBudget.Budget("endpoint e", 0.5, 104, true, 5, "app", 25, 0, 10);
		assertThat(budget.clients()).isEqualTo(125);
		assertThat(budget.demand()).as("the pooler's pool, 90 %% of 104, and the headroom").isEqualTo(93 + 10);
		assertThat(budget.limit()).isEqualTo(104);
		assertThat(budget.fits()).isTrue();
		assertThat(budget).hasToString("5 instances (app) x (pool 25) = 125 clients of the pooler of endpoint e (it "
				+ "accepts 10000), which opens at most 93 for the app, + headroom 10 = 103 connections for the 104 it "
				+ "allows at its maximum of 0.5 CU");
	}

	@Test
	void throughThePoolerEachUserHasAServerPoolOfTheirOwn() {
		ConnectionBudget.Budget budget = new ConnectionBudget.Budget("endpoint e", 0.5, 104, true, 2, "app", 10, 15,
				10);
		assertThat(budget.demand()).isEqualTo(20 + 30 + 10);
		assertThat(budget.fits()).isTrue();
		ConnectionBudget.Budget many = new ConnectionBudget.Budget("endpoint e", 0.5, 104, true, 2, "app", 10, 150, 10);
		assertThat(many.demand()).isEqualTo(20 + 300 + 10);
		assertThat(many.fits()).isFalse();
		assertThat(many.toString()).contains("and 300 for the users (a pool each)");
	}

	@Test
	void moreClientsThanThePoolerAcceptsDoNotFit() {
		ConnectionBudget.Budget budget = new ConnectionBudget.Budget("endpoint e", 112, 4000, true, 5, "app", 2001, 0,
				10);
		assertThat(budget.clients()).isEqualTo(10_005);
		assertThat(budget.fits()).isFalse();
		assertThat(budget.fittingPoolSize()).isEqualTo(2000);
	}

}
