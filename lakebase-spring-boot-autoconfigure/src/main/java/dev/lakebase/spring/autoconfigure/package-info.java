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

/**
 * Auto-configuration of a Spring Boot application's {@code DataSource} for Databricks
 * Lakebase Postgres. Its API is the auto-configurations, {@link LakebaseProperties} and
 * {@link LakebaseConnectionDetails}. Package-private beside them: what runs before the
 * context (the {@code .env} file, the Databricks Apps defaults, the check of
 * {@code lakebase.*} names, the early start of the Databricks SDK), everything that calls
 * the Databricks SDK (the workspace client, the resolution of the connection, endpoint
 * discovery, the credential sources), the pool defaults for scale to zero and the failure
 * analysis.
 */
@NullMarked
package dev.lakebase.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
