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
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseDirectHost;
import dev.lakebase.spring.jdbc.LakebaseEvents;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * The pool of the endpoint's direct host, beside the application's pool through the
 * connection pooler: for schema migrations and session-bound work. It shares the
 * application pool's credentials (the same endpoint and role), keeps no idle connection,
 * and opens none until asked.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseDirectPool implements LakebaseDirectHost, DisposableBean {

	private final HikariDataSource dataSource;

	LakebaseDirectPool(LakebaseConnectionDetails details, LakebaseWorkspace workspace, CredentialCache credentials,
			LakebaseProperties properties, Environment environment, LakebaseEvents events) {
		ResolvedConnection connection = ResolvedConnection.of(details);
		if (!connection.pooled()) {
			throw new LakebaseConfigurationException(
					"lakebase.pooler.enabled is true, but the LakebaseConnectionDetails bean of type "
							+ details.getClass().getName() + " names no direct host beside its host.",
					"Return the endpoint's pooled host (status.hosts.read_write_pooled_host) from getHost() and its "
							+ "direct host from getDirectHost(), or set lakebase.pooler.enabled=false.");
		}
		ResolvedConnection direct = connection.direct();
		String poolName = LakebaseHikariBeanPostProcessor
			.poolName(environment.getProperty("spring.datasource.hikari.pool-name")) + "-direct";
		this.dataSource = LakebaseHikariBeanPostProcessor.newPool(poolName, direct, false, workspace, credentials,
				properties, environment, events.forPool(poolName, () -> credentials));
		this.dataSource.setMaximumPoolSize(properties.getPooler().getDirectMaxPoolSize());
		this.dataSource.setMinimumIdle(0);
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Have the pool report HikariCP's metrics to a registry, if it has not started.
	 * @param registry a Micrometer {@code MeterRegistry}
	 */
	void bindMetrics(Object registry) {
		LakebaseHikariBeanPostProcessor.bindMetrics(this.dataSource, registry);
	}

	@Override
	public void destroy() {
		this.dataSource.close();
	}

	@Override
	public String toString() {
		return "LakebaseDirectPool[" + this.dataSource.getPoolName() + "]";
	}

}
