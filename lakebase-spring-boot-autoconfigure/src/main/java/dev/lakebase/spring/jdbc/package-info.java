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
 * How a Lakebase pool logs in, with no Databricks SDK type: the
 * {@link dev.lakebase.spring.jdbc.CredentialCache} of short-lived database credentials
 * that a {@link dev.lakebase.spring.jdbc.CredentialSource} mints,
 * {@link dev.lakebase.spring.jdbc.LakebaseLoginDataSource}, the {@code DataSource}
 * HikariCP opens physical connections with, the
 * {@link dev.lakebase.spring.jdbc.WakeRetry} while a suspended compute wakes, the
 * {@link dev.lakebase.spring.jdbc.LakebaseEvents} a pool reports, and the two classes the
 * PostgreSQL driver is given by name
 * ({@link dev.lakebase.spring.jdbc.LakebaseTlsSocketFactory},
 * {@link dev.lakebase.spring.jdbc.LakebaseConnectExecutor}). The auto-configuration
 * assembles them; an application may assemble a pool of its own from them.
 */
@NullMarked
package dev.lakebase.spring.jdbc;

import org.jspecify.annotations.NullMarked;
