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

import dev.lakebase.spring.jdbc.LakebaseConnectExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs that static analysis cannot see: the PostgreSQL driver
 * creates {@link LakebaseConnectExecutor} by name, the Databricks SDK reads its
 * configuration's fields by reflection and maps the workspace's JSON (OAuth, host
 * metadata, the Lakebase and identity resources the starter reads and the requests it
 * sends) to and from its model classes with Jackson.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseRuntimeHints implements RuntimeHintsRegistrar {

	private static final String[] SDK_JSON_TYPES = { "com.databricks.sdk.core.oauth.OAuthResponse",
			"com.databricks.sdk.core.oauth.OpenIDConnectEndpoints", "com.databricks.sdk.core.oauth.HostMetadata",
			"com.databricks.sdk.service.postgres.Endpoint", "com.databricks.sdk.service.postgres.ListEndpointsResponse",
			"com.databricks.sdk.service.postgres.ListProjectsResponse",
			"com.databricks.sdk.service.postgres.ListBranchesResponse",
			"com.databricks.sdk.service.postgres.DatabaseCredential",
			"com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest",
			"com.databricks.sdk.service.database.DatabaseInstance",
			"com.databricks.sdk.service.database.DatabaseCredential",
			"com.databricks.sdk.service.database.GenerateDatabaseCredentialRequest",
			"com.databricks.sdk.service.iam.User" };

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(LakebaseConnectExecutor.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.reflection()
			.registerType(TypeReference.of("com.databricks.sdk.core.DatabricksConfig"),
					MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_PUBLIC_METHODS);
		for (String name : SDK_JSON_TYPES) {
			if (ClassUtils.isPresent(name, classLoader)) {
				this.bindings.registerReflectionHints(hints.reflection(),
						ClassUtils.resolveClassName(name, classLoader));
			}
		}
	}

}
