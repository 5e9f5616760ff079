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

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PropertiesLakebaseConnectionDetails}: the connection worked out once, on first
 * use, and reported through the details; derived details, such as the read-only
 * endpoint's, from it.
 */
class PropertiesLakebaseConnectionDetailsTests {

	private final AtomicInteger resolutions = new AtomicInteger();

	private final PropertiesLakebaseConnectionDetails details = new PropertiesLakebaseConnectionDetails(() -> {
		this.resolutions.incrementAndGet();
		return new ResolvedConnection("ep-1.database.example.com", 5432, "databricks_postgres", "app-role", "require",
				null, "orders", ResolvedConnection.Target.endpoint("projects/p/branches/b/endpoints/e"));
	});

	@Test
	void theConnectionIsWorkedOutOnceOnFirstUse() {
		assertThat(this.resolutions).hasValue(0);
		assertThat(this.details.getHost()).isEqualTo("ep-1.database.example.com");
		assertThat(this.details.getJdbcUrl())
			.isEqualTo("jdbc:postgresql://ep-1.database.example.com:5432/databricks_postgres?sslmode=require"
					+ "&ApplicationName=orders");
		assertThat(this.details.getUsername()).isEqualTo("app-role");
		assertThat(this.details.getEndpoint()).isEqualTo("projects/p/branches/b/endpoints/e");
		assertThat(this.details.getInstanceName()).isNull();
		assertThat(this.details.getPassword()).isNull();
		assertThat(this.details.getDirectHost()).isNull();
		assertThat(this.details.getCredentialTarget()).isEqualTo("projects/p/branches/b/endpoints/e");
		assertThat(this.resolutions).hasValue(1);
		assertThat(this.details).hasToString("LakebaseConnectionDetails");
	}

	@Test
	void derivedDetailsComeFromTheseOnce() {
		PropertiesLakebaseConnectionDetails pooled = PropertiesLakebaseConnectionDetails.derive(this.details,
				(connection) -> connection.throughPooler("ep-1-pooler.database.example.com"));
		assertThat(this.resolutions).hasValue(0);
		assertThat(pooled.getHost()).isEqualTo("ep-1-pooler.database.example.com");
		assertThat(pooled.getDirectHost()).isEqualTo("ep-1.database.example.com");
		assertThat(pooled.getPort()).isEqualTo(5432);
		assertThat(this.resolutions).hasValue(1);
	}

}
