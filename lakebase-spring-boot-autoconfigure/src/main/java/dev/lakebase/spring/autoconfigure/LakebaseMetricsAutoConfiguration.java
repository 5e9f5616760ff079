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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Lakebase metrics: credential refreshes and mints, seconds until
 * the credential expires, wake retries and durations, and connection failures by class.
 * HikariCP's own pool metrics carry the pool name {@code lakebase}.
 *
 * @author Lakebase Spring Boot contributors
 */
@AutoConfiguration(before = LakebaseDataSourceAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public final class LakebaseMetricsAutoConfiguration {

	@Bean
	LakebaseEvents lakebaseMetricsEvents(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<RefreshingCredentials> credentials) {
		return new MicrometerLakebaseEvents(registry, credentials::getIfAvailable,
				LakebaseHikariBeanPostProcessor.DEFAULT_POOL_NAME);
	}

	@Bean
	MeterBinder lakebaseReadOnlyPoolMetrics(ObjectProvider<LakebaseReadOnlyPool> readOnlyPool) {
		return (registry) -> readOnlyPool.ifAvailable((pool) -> pool.bindMetrics(registry));
	}

}
