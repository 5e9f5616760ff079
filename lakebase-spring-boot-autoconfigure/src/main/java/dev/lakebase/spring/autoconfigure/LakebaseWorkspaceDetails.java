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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details of the Databricks workspace the starter mints Lakebase credentials through and
 * asks about the compute: its URL and how to authenticate. By default the starter reads
 * them from {@code lakebase.databricks.*} properties and the SDK's {@code DATABRICKS_*}
 * variables (and uses the application's own {@code WorkspaceClient} bean, when it has
 * one, instead); a bean of this type supplies them instead, and the starter builds its
 * client from it. What is {@code null} here the Databricks SDK resolves itself, through
 * its unified authentication.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface LakebaseWorkspaceDetails extends ConnectionDetails {

	/**
	 * Return the workspace URL.
	 * @return the URL, such as {@code https://my-workspace.cloud.databricks.com}, or
	 * {@code null} for the SDK's own resolution
	 */
	@Nullable String getHost();

	/**
	 * Return the OAuth client id of a service principal.
	 * @return the client id, or {@code null}
	 */
	default @Nullable String getClientId() {
		return null;
	}

	/**
	 * Return the OAuth client secret of a service principal.
	 * @return the client secret, or {@code null}
	 */
	default @Nullable String getClientSecret() {
		return null;
	}

	/**
	 * Return a personal access token.
	 * @return the token, or {@code null}
	 */
	default @Nullable String getToken() {
		return null;
	}

}
