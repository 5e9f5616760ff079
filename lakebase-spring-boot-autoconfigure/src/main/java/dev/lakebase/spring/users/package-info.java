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
 * Database work on behalf of the app's signed-in users:
 * {@link dev.lakebase.spring.users.AsUser} on a method, or
 * {@link dev.lakebase.spring.users.LakebaseUsers} in code, runs it under the requesting
 * user's own Postgres role.
 */
@NullMarked
package dev.lakebase.spring.users;

import org.jspecify.annotations.NullMarked;
