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
 * The JDBC side of a Lakebase DataSource, with no Databricks SDK type: the credential
 * cache and its refresh, the login HikariCP opens physical connections with, and the
 * retry while a suspended compute wakes. Its types are public only so that the
 * auto-configuration and the workspace, health and metrics packages can use them; they
 * are not an API.
 */
@NullMarked
package dev.lakebase.spring.jdbc;

import org.jspecify.annotations.NullMarked;
