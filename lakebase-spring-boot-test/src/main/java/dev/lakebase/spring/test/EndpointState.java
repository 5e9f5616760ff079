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

/**
 * State of an emulated endpoint's compute, named as the Lakebase API reports it in
 * {@code status.current_state}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public enum EndpointState {

	/** The compute runs and serves connections. */
	ACTIVE,

	/** The compute is suspended (scaled to zero). */
	IDLE,

	/** The compute is waking up. */
	INIT

}
