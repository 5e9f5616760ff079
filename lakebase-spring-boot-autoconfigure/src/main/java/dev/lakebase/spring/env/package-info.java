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
 * What runs before the context: the {@code .env} file, logging defaults, the Databricks
 * Apps defaults, the check of {@code lakebase.*} property names, and the early
 * preparation of the Databricks SDK. Registered in {@code META-INF/spring.factories};
 * public only where another package needs a name from it; not an API.
 */
@NullMarked
package dev.lakebase.spring.env;

import org.jspecify.annotations.NullMarked;
