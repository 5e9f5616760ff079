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

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseDirectPool}: the direct host's pool beside the pooler opens nothing
 * until asked, keeps no idle connection, takes its size from
 * {@code lakebase.pooler.direct-max-pool-size}, its name from the application's pool, and
 * logs in with the application pool's credentials.
 */
class LakebaseDirectPoolIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void itOpensNothingUntilAskedAndSharesTheApplicationsCredential() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			HikariDataSource direct = (HikariDataSource) context.getBean(LakebaseDirectPool.class).dataSource();
			assertThat(direct.getHikariPoolMXBean()).as("not started").isNull();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isOne();
			int mints = lakebase.emulator().tokens().mintCount(endpoint);
			assertThat(new JdbcTemplate(direct).queryForObject("SELECT current_user", String.class))
				.isEqualTo(lakebase.emulator().identities().servicePrincipal().roleName());
			assertThat(lakebase.emulator().tokens().mintCount(endpoint)).as("mints for the direct pool")
				.isEqualTo(mints);
			assertThat(direct.getPoolName()).isEqualTo("lakebase-direct");
			assertThat(direct.getMaximumPoolSize()).isEqualTo(2);
			assertThat(direct.getMinimumIdle()).isZero();
			assertThat(direct.getJdbcUrl()).contains("//" + endpoint.host() + ":");
		});
	}

	@Test
	void itsSizeAndNameFollowTheSettings() {
		runner("lakebase.pooler.direct-max-pool-size=4", "spring.datasource.hikari.pool-name=orders").run((context) -> {
			HikariDataSource direct = (HikariDataSource) context.getBean(LakebaseDirectPool.class).dataSource();
			assertThat(direct.getPoolName()).isEqualTo("orders-direct");
			assertThat(direct.getMaximumPoolSize()).isEqualTo(4);
		});
	}

	private static ApplicationContextRunner runner(String... properties) {
		Map<String, String> environment = EmulatorTestSupport.appsEnvironment(lakebase.emulator());
		String[] all = new String[properties.length + 1];
		all[0] = "lakebase.pooler.enabled=true";
		System.arraycopy(properties, 0, all, 1, properties.length);
		return LakebaseTestSupport.runner().withPropertyValues(EmulatorTestSupport.properties(environment, all));
	}

}
