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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.database.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import dev.lakebase.spring.jdbc.CredentialSource;
import dev.lakebase.spring.jdbc.MintedCredential;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CredentialSource credential sources} that mint Lakebase database credentials
 * through the Databricks SDK: one for an Autoscaling endpoint, one for a Provisioned
 * instance.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceCredentialSources {

	private WorkspaceCredentialSources() {
	}

	static CredentialSource autoscaling(Supplier<WorkspaceClient> workspace, String endpoint,
			java.time.@Nullable Duration ttl, Clock clock) {
		return new WorkspaceSource() {

			@Override
			public MintedCredential mint() {
				var request = new com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest()
					.setEndpoint(endpoint);
				if (ttl != null) {
					request.setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(ttl.toSeconds()).build());
				}
				Instant now = clock.instant();
				DatabaseCredential credential = workspace.get().postgres().generateDatabaseCredential(request);
				Instant expiresAt = Instant.ofEpochSecond(credential.getExpireTime().getSeconds(),
						credential.getExpireTime().getNanos());
				return new MintedCredential(credential.getToken(), expiresAt, now);
			}

			@Override
			public String target() {
				return "endpoint " + endpoint;
			}

			@Override
			public String kind() {
				return "autoscaling";
			}

		};
	}

	static CredentialSource provisioned(Supplier<WorkspaceClient> workspace, String instance, Clock clock) {
		return new WorkspaceSource() {

			@Override
			public MintedCredential mint() {
				Instant now = clock.instant();
				var credential = workspace.get()
					.database()
					.generateDatabaseCredential(
							new GenerateDatabaseCredentialRequest().setInstanceNames(java.util.List.of(instance))
								.setRequestId(UUID.randomUUID().toString()));
				Instant expiresAt = OffsetDateTime.parse(credential.getExpirationTime()).toInstant();
				return new MintedCredential(credential.getToken(), expiresAt, now);
			}

			@Override
			public String target() {
				return "instance " + instance;
			}

			@Override
			public String kind() {
				return "provisioned";
			}

		};
	}

	/**
	 * A source that mints through the workspace, whose failures it puts into words. The
	 * client is set up at the first mint, so that a failure to set it up (no workspace
	 * authentication) is a failed mint, described as one.
	 */
	private abstract static class WorkspaceSource implements CredentialSource {

		@Override
		public String describe(Throwable failure) {
			return WorkspaceErrors.describe(failure);
		}

		@Override
		public String action(Throwable failure) {
			return WorkspaceErrors.action(failure);
		}

	}

}
