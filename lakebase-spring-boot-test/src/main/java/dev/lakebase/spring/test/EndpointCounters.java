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
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an emulated endpoint has seen since the emulator started.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EndpointCounters {

	private final AtomicLong connectionsAccepted = new AtomicLong();

	private final AtomicLong tlsHandshakes = new AtomicLong();

	private final AtomicLong resumedTlsSessions = new AtomicLong();

	private final AtomicLong logins = new AtomicLong();

	private final AtomicLong failedLogins = new AtomicLong();

	private final AtomicLong statements = new AtomicLong();

	private final AtomicLong wakes = new AtomicLong();

	private final AtomicLong suspensions = new AtomicLong();

	private final AtomicLong connectsWhileAsleep = new AtomicLong();

	private volatile Map<String, String> lastStartupParameters = Map.of();

	EndpointCounters() {
	}

	/**
	 * Return the parameters of the startup packet of the last successful login
	 * ({@code user}, {@code database}, {@code application_name}, ...): what the client
	 * sent before any statement.
	 * @return the parameters
	 */
	public Map<String, String> lastLoginStartupParameters() {
		return this.lastStartupParameters;
	}

	/**
	 * Return how many TLS handshakes clients completed with the front.
	 * @return the number of TLS handshakes
	 */
	public long tlsHandshakes() {
		return this.tlsHandshakes.get();
	}

	/**
	 * Return how many of the {@link #tlsHandshakes() TLS handshakes} resumed an earlier
	 * session instead of a full handshake (no certificate sent or checked).
	 * @return the number of resumed TLS sessions
	 */
	public long resumedTlsSessions() {
		return this.resumedTlsSessions.get();
	}

	/**
	 * Return how many TCP connections the front accepted.
	 * @return the number of accepted connections
	 */
	public long connectionsAccepted() {
		return this.connectionsAccepted.get();
	}

	/**
	 * Return how many logins succeeded.
	 * @return the number of successful logins
	 */
	public long logins() {
		return this.logins.get();
	}

	/**
	 * Return how many logins were refused with {@code 28P01}.
	 * @return the number of failed logins
	 */
	public long failedLogins() {
		return this.failedLogins.get();
	}

	/**
	 * Return how many statements (simple queries and executes) clients sent. A connection
	 * validation such as {@code isValid()} counts too, as it does for the real endpoint's
	 * idle detection.
	 * @return the number of statements
	 */
	public long statements() {
		return this.statements.get();
	}

	/**
	 * Return how many times the compute woke from suspension.
	 * @return the number of wakes
	 */
	public long wakes() {
		return this.wakes.get();
	}

	/**
	 * Return how many times the compute was suspended.
	 * @return the number of suspensions
	 */
	public long suspensions() {
		return this.suspensions.get();
	}

	/**
	 * Return how many connects arrived while the compute was suspended or waking.
	 * @return the number of connects that met a sleeping compute
	 */
	public long connectsWhileAsleep() {
		return this.connectsWhileAsleep.get();
	}

	void connectionAccepted() {
		this.connectionsAccepted.incrementAndGet();
	}

	void tlsHandshake(boolean resumed) {
		this.tlsHandshakes.incrementAndGet();
		if (resumed) {
			this.resumedTlsSessions.incrementAndGet();
		}
	}

	void loginSucceeded(Map<String, String> startupParameters) {
		this.lastStartupParameters = Map.copyOf(startupParameters);
		this.logins.incrementAndGet();
	}

	void loginFailed() {
		this.failedLogins.incrementAndGet();
	}

	void statementSeen() {
		this.statements.incrementAndGet();
	}

	void woke() {
		this.wakes.incrementAndGet();
	}

	void suspended() {
		this.suspensions.incrementAndGet();
	}

	void connectWhileAsleep() {
		this.connectsWhileAsleep.incrementAndGet();
	}

	@Override
	public String toString() {
		return "EndpointCounters[accepted=" + connectionsAccepted() + ", logins=" + logins() + ", failedLogins="
				+ failedLogins() + ", statements=" + statements() + ", wakes=" + wakes() + ", suspensions="
				+ suspensions() + ", connectsWhileAsleep=" + connectsWhileAsleep() + "]";
	}

}
