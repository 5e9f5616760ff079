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

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the pool opens physical connections with. Logs in with the credential the pool's
 * credentials provider handed over (or waits for one when none was cached), retries while
 * a suspended endpoint wakes ({@link WakeRetry}), and when Lakebase refuses a cached
 * credential with {@code 28P01} (revoked, or expired early) drops it and logs in once
 * more with a new one. Honours the login timeout the pool sets (the driver gives up on a
 * login that takes longer), running the login on a {@link LakebaseConnectExecutor} thread
 * unless the driver's {@code connectExecutor} is configured.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseLoginDataSource implements DataSource {

	static final String INVALID_PASSWORD = "28P01";

	private static final String LOGIN_TIMEOUT = "loginTimeout";

	private static final String CONNECT_EXECUTOR = "connectExecutor";

	private static final Log logger = LogFactory.getLog(LakebaseLoginDataSource.class);

	private final Driver driver = new org.postgresql.Driver();

	private final String url;

	private final String username;

	private final Properties properties;

	private final @Nullable CredentialCache credentials;

	private final @Nullable WakeRetry wakeRetry;

	private final LakebaseEvents events;

	private volatile int loginTimeoutSeconds;

	private volatile @Nullable Failure lastAuthFailure;

	private volatile @Nullable Failure lastCredentialFailure;

	private volatile @Nullable String refusedFreshSecret;

	public LakebaseLoginDataSource(String url, String username, Properties properties, CredentialCache credentials,
			@Nullable WakeRetry wakeRetry, LakebaseEvents events) {
		this.events = events;
		this.url = url;
		this.username = username;
		this.properties = new Properties();
		this.properties.putAll(properties);
		this.credentials = credentials;
		this.wakeRetry = wakeRetry;
	}

	/**
	 * Create a login data source for passwords that the pool's credentials provider hands
	 * over with every login, with no credential cache behind it: a refused password is
	 * not replaced, and a login without a password fails.
	 * @param url the JDBC URL
	 * @param username the database user name
	 * @param properties the driver properties
	 * @param wakeRetry the wake retry, or {@code null} to connect once
	 * @param events where login failures are reported
	 */
	public LakebaseLoginDataSource(String url, String username, Properties properties, @Nullable WakeRetry wakeRetry,
			LakebaseEvents events) {
		this.events = events;
		this.url = url;
		this.username = username;
		this.properties = new Properties();
		this.properties.putAll(properties);
		this.credentials = null;
		this.wakeRetry = wakeRetry;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return getConnection(this.username, null);
	}

	@Override
	public Connection getConnection(String user, @Nullable String password) throws SQLException {
		try {
			Connection connection = login(user, password);
			this.lastAuthFailure = null;
			this.lastCredentialFailure = null;
			return connection;
		}
		catch (SQLException ex) {
			LakebaseEvents.FailureClass failureClass = LakebaseEvents.FailureClass.of(ex);
			if (failureClass == LakebaseEvents.FailureClass.AUTH) {
				this.lastAuthFailure = new Failure(ex, Instant.now());
			}
			else if (failureClass == LakebaseEvents.FailureClass.CREDENTIAL) {
				this.lastCredentialFailure = new Failure(ex, Instant.now());
			}
			this.events.connectionFailed(failureClass);
			throw ex;
		}
	}

	/**
	 * Return the last login failure that was an authentication failure, if no login
	 * succeeded and no credential was minted since: a failure of an older credential does
	 * not outlive a newer one.
	 * @return the failure, or {@code null}
	 */
	public @Nullable SQLException lastAuthFailure() {
		return current(this.lastAuthFailure);
	}

	/**
	 * Return the last login that failed for want of a credential, if no login succeeded
	 * and no credential was minted since.
	 * @return the failure, or {@code null}
	 */
	public @Nullable SQLException lastCredentialFailure() {
		return current(this.lastCredentialFailure);
	}

	private @Nullable SQLException current(@Nullable Failure failure) {
		if (failure == null) {
			return null;
		}
		Instant minted = (this.credentials != null) ? this.credentials.lastRefresh() : null;
		return (minted != null && minted.isAfter(failure.at())) ? null : failure.exception();
	}

	private record Failure(SQLException exception, Instant at) {

	}

	private Connection login(String user, @Nullable String password) throws SQLException {
		CredentialCache credentials = this.credentials;
		String secret;
		if (password != null) {
			secret = password;
		}
		else if (credentials != null) {
			secret = credentials.token();
		}
		else {
			throw new SQLException("No Lakebase credential was handed over for " + user, INVALID_PASSWORD);
		}
		try {
			return connect(user, secret);
		}
		catch (SQLException ex) {
			if (credentials == null || !INVALID_PASSWORD.equals(ex.getSQLState()) || !credentials.refreshable()
					|| secret.equals(this.refusedFreshSecret)) {
				throw ex;
			}
			credentials.invalidate(secret);
			String fresh = credentials.token();
			if (fresh.equals(secret)) {
				throw ex;
			}
			logger.warn("Lakebase refused a cached credential for " + credentials.target()
					+ " (28P01: revoked or expired early); logging in once more with a new one");
			try {
				return connect(user, fresh);
			}
			catch (SQLException again) {
				if (INVALID_PASSWORD.equals(again.getSQLState())) {
					// A credential minted a moment ago was refused too: the role is
					// missing, and more credentials will not help. Until the next
					// refresh, logins with it fail as they are, with no mint each.
					this.refusedFreshSecret = fresh;
				}
				throw again;
			}
		}
	}

	private Connection connect(String user, String secret) throws SQLException {
		return (this.wakeRetry != null) ? this.wakeRetry.connect(() -> connectOnce(user, secret))
				: connectOnce(user, secret);
	}

	private Connection connectOnce(String user, String secret) throws SQLException {
		Properties connectProperties = new Properties();
		connectProperties.putAll(this.properties);
		connectProperties.setProperty("user", user);
		connectProperties.setProperty("password", secret);
		int loginTimeout = this.loginTimeoutSeconds;
		if (loginTimeout > 0 && !connectProperties.containsKey(LOGIN_TIMEOUT)) {
			connectProperties.setProperty(LOGIN_TIMEOUT, Integer.toString(loginTimeout));
			// The driver waits for the login on a reused thread instead of starting one
			// for each
			if (LakebaseConnectExecutor.NAME_FOR_DRIVER != null) {
				connectProperties.putIfAbsent(CONNECT_EXECUTOR, LakebaseConnectExecutor.NAME_FOR_DRIVER);
			}
		}
		Connection connection = this.driver.connect(this.url, connectProperties);
		if (connection == null) {
			throw new SQLException("The PostgreSQL driver does not accept " + this.url);
		}
		return connection;
	}

	public @Nullable WakeRetry wakeRetry() {
		return this.wakeRetry;
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
		this.loginTimeoutSeconds = seconds;
	}

	@Override
	public int getLoginTimeout() {
		return this.loginTimeoutSeconds;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "LakebaseLoginDataSource[" + this.url + "]";
	}

}
