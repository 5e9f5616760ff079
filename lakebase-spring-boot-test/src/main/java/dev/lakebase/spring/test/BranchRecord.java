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

package dev.lakebase.spring.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A branch created through the workspace API: where it came from, when, and when it
 * expires.
 *
 * @param name the resource name, {@code projects/P/branches/B}
 * @param sourceBranch the resource name of the branch it was copied from
 * @param createTime when it was created
 * @param expireTime when it is deleted by itself, or {@code null} for never
 * @author Lakebase Spring Boot contributors
 */
record BranchRecord(String name, String sourceBranch, Instant createTime, @Nullable Instant expireTime) {

}
