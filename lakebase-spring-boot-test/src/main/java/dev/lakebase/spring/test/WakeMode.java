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
 * How a suspended emulated endpoint answers connects while its compute wakes.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public enum WakeMode {

	/**
	 * Hold each connect until the compute is awake, then serve it.
	 */
	HOLD,

	/**
	 * Refuse each connect until the compute is awake: the startup is answered with
	 * SQLSTATE {@code 57P03} ("the database system is starting up").
	 */
	REFUSE,

	/**
	 * Reset each connect until the compute is awake: the TCP connection is closed with no
	 * answer.
	 */
	RESET

}
