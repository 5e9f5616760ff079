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

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool defaults that let an idle app release the compute: an idle timeout inside the
 * endpoint's suspend timeout, applied only where the application set nothing.
 */
class ScaleToZeroPoolDefaultsTests {

	@Test
	void theIdleTimeoutEndsBeforeTheSuspendTimeoutLessHikarisHousekeeping() {
		assertThat(ScaleToZeroPoolDefaults.idleTimeout(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(150));
		assertThat(ScaleToZeroPoolDefaults.idleTimeout(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(25));
		assertThat(ScaleToZeroPoolDefaults.idleTimeout(Duration.ofSeconds(20))).as("HikariCP's smallest")
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(ScaleToZeroPoolDefaults.idleTimeout(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void onlyWhatTheApplicationLeftUnsetChanges() {
		HikariDataSource pool = new HikariDataSource();
		pool.setMinimumIdle(2);
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.hikari.minimum-idle", "2");
		ScaleToZeroPoolDefaults.apply(pool, Binder.get(environment), Duration.ofMinutes(5));
		assertThat(pool.getMinimumIdle()).isEqualTo(2);
		assertThat(pool.getKeepaliveTime()).isZero();
		assertThat(pool.getIdleTimeout()).isEqualTo(Duration.ofSeconds(150).toMillis());
	}

	@Test
	void anEndpointThatNeverSuspendsKeepsHikarisDefaults() {
		HikariDataSource pool = new HikariDataSource();
		long idleTimeout = pool.getIdleTimeout();
		ScaleToZeroPoolDefaults.apply(pool, Binder.get(new MockEnvironment()),
				ResolvedConnection.Target.NEVER_SUSPENDS);
		assertThat(pool.getIdleTimeout()).isEqualTo(idleTimeout);
		assertThat(pool.getKeepaliveTime()).isPositive();
	}

}
