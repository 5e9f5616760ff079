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

import java.util.Map;

/**
 * What a {@link PostgresFront} needs of the endpoint it fronts: its settings, the wake it
 * waits for, and the counters it reports to.
 *
 * @author Lakebase Spring Boot contributors
 */
interface FrontEndpoint {

	/**
	 * Return the endpoint's path or instance name, for logs.
	 * @return the path
	 */
	String path();

	/**
	 * Return how the compute answers connects while it wakes.
	 * @return the wake mode
	 */
	WakeMode wakeMode();

	/**
	 * Return whether sessions are read-only.
	 * @return whether the endpoint is read-only
	 */
	boolean isReadOnly();

	/**
	 * Return the PostgreSQL database that serves a database a client asks for.
	 * @param clientDatabase the database the client asked for
	 * @return the backend database
	 */
	String backendDatabase(String clientDatabase);

	/**
	 * Let a connect in: at once while the compute is active, else after it woke (or not,
	 * depending on the mode).
	 * @param mode how to answer while the compute wakes
	 * @return whether the connect may proceed
	 */
	boolean admit(WakeMode mode);

	/**
	 * A client connection was accepted.
	 */
	void connectionAccepted();

	/**
	 * A client completed a TLS handshake.
	 * @param resumed whether it resumed an earlier TLS session
	 */
	void tlsHandshake(boolean resumed);

	/**
	 * A login succeeded or failed.
	 * @param succeeded whether it succeeded
	 * @param startupParameters what the client's startup packet carried
	 */
	void login(boolean succeeded, Map<String, String> startupParameters);

	/**
	 * A client sent a statement.
	 */
	void statementSeen();

}
