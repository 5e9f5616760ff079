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

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseEvents;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * The pool of the read-only endpoint: its own HikariCP pool (with the
 * {@code spring.datasource.hikari.*} settings of the read-write one), its own
 * credentials, wake retry and scale-to-zero defaults. Read-only transactions reach it
 * through Spring's
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseReadOnlyPool implements DisposableBean {

	private final LakebaseConnectionDetails details;

	private final CredentialCache credentials;

	private final HikariDataSource dataSource;

	LakebaseReadOnlyPool(LakebaseConnectionDetails primary, LakebaseWorkspace workspace, LakebaseProperties properties,
			Environment environment, LakebaseEvents events) {
		ConnectionResolver resolver = new ConnectionResolver(properties.connectionSettings(), environment,
				workspace.client());
		this.details = PropertiesLakebaseConnectionDetails.derive(primary, resolver::resolveReadOnly);
		AtomicReference<CredentialCache> credentials = new AtomicReference<>();
		String poolName = LakebaseHikariBeanPostProcessor
			.poolName(environment.getProperty("spring.datasource.hikari.pool-name")) + "-read-only";
		LakebaseEvents poolEvents = events.forPool(poolName, credentials::get);
		Clock clock = Clock.systemUTC();
		this.credentials = new CredentialCache(() -> workspace
			.credentialSource(ResolvedConnection.of(this.details).target(), properties.getCredentials(), clock),
				properties.getCredentials().settings(), clock, poolEvents);
		credentials.set(this.credentials);
		this.dataSource = LakebaseHikariBeanPostProcessor.newPool(poolName, ResolvedConnection.of(this.details), true,
				workspace, this.credentials, properties, environment, poolEvents);
	}

	LakebaseConnectionDetails details() {
		return this.details;
	}

	CredentialCache credentials() {
		return this.credentials;
	}

	HikariDataSource dataSource() {
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
		this.credentials.destroy();
	}

	@Override
	public String toString() {
		return "LakebaseReadOnlyPool[" + this.dataSource.getPoolName() + "]";
	}

}
