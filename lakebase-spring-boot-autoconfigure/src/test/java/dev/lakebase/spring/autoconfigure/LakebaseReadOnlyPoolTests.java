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

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseReadOnlyPool}: a read-only pool of its own on the read-only host, with
 * the application pool's HikariCP settings, its own credentials and a name that says what
 * it is; closed with the context. No connection is made.
 */
class LakebaseReadOnlyPoolTests {

	private final ApplicationContextRunner runner = LakebaseTestSupport.runner()
		.withPropertyValues("PGHOST=ep.database.example.com", "PGUSER=app", "PGPASSWORD=secret",
				"lakebase.read-only.host=ep-ro.database.example.com");

	@Test
	void aReadOnlyPoolOfItsOwnOnTheReadOnlyHost() {
		this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=4").run((context) -> {
			LakebaseReadOnlyPool pool = context.getBean(LakebaseReadOnlyPool.class);
			HikariDataSource readOnly = pool.dataSource();
			assertThat(readOnly.isReadOnly()).isTrue();
			assertThat(readOnly.getPoolName()).isEqualTo("lakebase-read-only");
			assertThat(readOnly.getJdbcUrl()).startsWith("jdbc:postgresql://ep-ro.database.example.com:5432/");
			assertThat(readOnly.getUsername()).isEqualTo("app");
			assertThat(readOnly.getMaximumPoolSize()).as("the application pool's setting").isEqualTo(4);
			assertThat(pool.details().getHost()).isEqualTo("ep-ro.database.example.com");
			assertThat(pool.credentials()).isNotSameAs(context.getBean(CredentialCache.class));
			HikariDataSource primary = context.getBean("dataSource", DataSource.class).unwrap(HikariDataSource.class);
			assertThat(readOnly).isNotSameAs(primary);
			assertThat(primary.isReadOnly()).isFalse();
			assertThat(pool).hasToString("LakebaseReadOnlyPool[lakebase-read-only]");
		});
	}

	@Test
	void itsNameFollowsTheApplicationPoolsName() {
		this.runner.withPropertyValues("spring.datasource.hikari.pool-name=orders")
			.run((context) -> assertThat(context.getBean(LakebaseReadOnlyPool.class).dataSource().getPoolName())
				.isEqualTo("orders-read-only"));
	}

	@Test
	void itIsClosedWithTheContext() {
		HikariDataSource[] readOnly = new HikariDataSource[1];
		this.runner.run((context) -> readOnly[0] = context.getBean(LakebaseReadOnlyPool.class).dataSource());
		assertThat(readOnly[0].isClosed()).isTrue();
	}

	@Test
	void noReadOnlyPoolWithoutAReadOnlyTarget() {
		LakebaseTestSupport.runner()
			.withPropertyValues("PGHOST=ep.database.example.com", "PGUSER=app", "PGPASSWORD=secret")
			.run((context) -> assertThat(context).doesNotHaveBean(LakebaseReadOnlyPool.class));
	}

}
