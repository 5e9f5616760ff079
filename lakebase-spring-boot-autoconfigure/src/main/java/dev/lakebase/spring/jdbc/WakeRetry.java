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

package dev.lakebase.spring.jdbc;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Opens a physical connection, retrying the failures a waking compute produces (refused,
 * reset, timed out, {@code 57P03}, {@code 57P01} at connect) with exponential backoff and
 * jitter within a wake budget, through Spring's {@link RetryTemplate}. Authentication
 * failures, unknown hosts, TLS errors and bad configuration are never retried.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class WakeRetry {

	static final String WAKE_TIMEOUT_STATE = "08001";

	private static final Log logger = LogFactory.getLog(WakeRetry.class);

	private final RetryTemplate retryTemplate;

	private final Duration budget;

	private final Supplier<String> endpoint;

	private final AtomicLong wakeStartedNanos = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final LakebaseEvents events;

	public WakeRetry(Settings settings, Supplier<String> endpoint, LakebaseEvents events) {
		this.events = events;
		this.budget = settings.budget();
		this.endpoint = endpoint;
		Duration initialDelay = settings.initialDelay();
		RetryPolicy policy = RetryPolicy.builder()
			.predicate(WakeRetry::isWakeFailure)
			.maxRetries(Integer.MAX_VALUE)
			.delay(initialDelay)
			.jitter(initialDelay.dividedBy(2))
			.multiplier(2.0)
			.maxDelay(settings.maxDelay())
			.timeout(this.budget)
			.build();
		this.retryTemplate = new RetryTemplate(policy);
	}

	Connection connect(Connector connector) throws SQLException {
		try {
			return this.retryTemplate.execute(new Retryable<Connection>() {

				private boolean failed;

				@Override
				public Connection execute() throws SQLException {
					if (this.failed) {
						WakeRetry.this.retries.incrementAndGet();
						WakeRetry.this.events.wakeRetried();
					}
					try {
						Connection connection = connector.connect();
						if (this.failed) {
							woke();
						}
						return connection;
					}
					catch (SQLException ex) {
						if (isWakeFailure(ex)) {
							this.failed = true;
							wakeStarted();
						}
						throw ex;
					}
				}

				@Override
				public String getName() {
					return "Lakebase connect";
				}

			});
		}
		catch (RetryException ex) {
			if (Thread.currentThread().isInterrupted()) {
				throw new SQLTransientConnectionException(
						"Interrupted while waiting for Lakebase " + this.endpoint.get() + " to wake",
						WAKE_TIMEOUT_STATE, ex);
			}
			Throwable last = ex.getLastException();
			if (!isWakeFailure(last) && last instanceof SQLException sql) {
				throw sql;
			}
			throw new WakeTimeoutException("Lakebase " + this.endpoint.get() + " did not wake within "
					+ this.budget.toMillis() + " ms (lakebase.wake.budget); last error: " + last.getMessage(), last);
		}
	}

	public long retryCount() {
		return this.retries.get();
	}

	private void wakeStarted() {
		if (this.wakeStartedNanos.compareAndSet(0, System.nanoTime()) && logger.isDebugEnabled()) {
			logger.debug("Lakebase " + this.endpoint.get() + " refused a connect; waiting for it to wake");
		}
	}

	private void woke() {
		long started = this.wakeStartedNanos.getAndSet(0);
		if (started != 0) {
			this.events.woke(Duration.ofNanos(System.nanoTime() - started));
			logger.info("Lakebase " + this.endpoint.get() + " woke up: connected "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after the first refused connect");
		}
	}

	/**
	 * Return whether a connect failure is what a waking compute produces.
	 * @param failure the failure
	 * @return whether to retry it as a wake
	 */
	static boolean isWakeFailure(Throwable failure) {
		boolean transientNetwork = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
				return false;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.equals("57P03") || state.equals("57P01")) {
					return true;
				}
				if (state.startsWith("28") || state.equals("3D000") || state.equals("53300")) {
					return false;
				}
			}
			if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
					|| cause instanceof EOFException || cause instanceof SocketException) {
				transientNetwork = true;
			}
			else if (cause instanceof SSLException && !(cause.getCause() instanceof SocketException)
					&& !(cause.getCause() instanceof EOFException)) {
				return false;
			}
		}
		return transientNetwork;
	}

	/**
	 * A connect that did not succeed within the wake budget.
	 */
	public static final class WakeTimeoutException extends SQLTransientConnectionException {

		WakeTimeoutException(String message, Throwable cause) {
			super(message, WAKE_TIMEOUT_STATE, cause);
		}

	}

	/**
	 * One connect attempt.
	 */
	@FunctionalInterface
	interface Connector {

		Connection connect() throws SQLException;

	}

	/**
	 * How long and how often a connect is retried while the compute wakes.
	 *
	 * @param budget how long in all, from the first failed attempt
	 * @param initialDelay the first delay, which doubles after each retry
	 * @param maxDelay the longest delay between attempts
	 */
	public record Settings(Duration budget, Duration initialDelay, Duration maxDelay) {

	}

}
