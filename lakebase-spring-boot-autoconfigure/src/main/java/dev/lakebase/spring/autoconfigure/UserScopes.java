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

package dev.lakebase.spring.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.MintedCredential;
import dev.lakebase.spring.users.LakebaseUsers;
import dev.lakebase.spring.users.UserAccessException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Enters user scopes: takes the token the Databricks Apps proxy forwarded with the
 * request at hand, learns whose it is from the workspace (once per token), checks the
 * forwarded e-mail against it, has the user's pool hold a credential minted with that
 * token, and runs the work with the user's pool as the thread's. Fails closed: whatever
 * goes wrong, the work never runs as the app.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserScopes implements LakebaseUsers {

	static final String TOKEN_HEADER = "X-Forwarded-Access-Token";

	static final String EMAIL_HEADER = "X-Forwarded-Email";

	private static final Log logger = LogFactory.getLog(UserScopes.class);

	private final UserPools pools;

	private final UserIdentities identities;

	private final Function<String, MintedCredential> mint;

	private final Supplier<@Nullable String> developerToken;

	private final Semaphore mints;

	private final Duration mintWait;

	private final Duration refreshWindow;

	private final String target;

	private final LakebaseEvents events;

	private final Clock clock;

	/**
	 * Create the scopes.
	 * @param pools the users' pools
	 * @param identities who a token is
	 * @param mint mints a credential with a user's token
	 * @param developerToken the token that stands in for a missing forwarded one
	 * (locally, when allowed), else {@code null}
	 * @param settings the limits
	 * @param target what credentials are minted for, for the log
	 * @param events where mints are reported
	 * @param clock the clock
	 */
	UserScopes(UserPools pools, UserIdentities identities, Function<String, MintedCredential> mint,
			Supplier<@Nullable String> developerToken, Settings settings, String target, LakebaseEvents events,
			Clock clock) {
		this.pools = pools;
		this.identities = identities;
		this.mint = mint;
		this.developerToken = developerToken;
		this.mints = new Semaphore(settings.maxConcurrentMints(), true);
		this.mintWait = settings.mintWait();
		this.refreshWindow = settings.refreshWindow();
		this.target = target;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The limits of the scopes.
	 *
	 * @param maxConcurrentMints mints at once at most
	 * @param mintWait how long a request waits for its turn to mint
	 * @param refreshWindow how long before its expiry a user's credential is renewed
	 */
	record Settings(int maxConcurrentMints, Duration mintWait, Duration refreshWindow) {
	}

	@Override
	@SuppressWarnings("NullAway") // the work's own result, null only if it returns null
	public <T> T asUser(Supplier<T> work) {
		return UserScope.unchecked(() -> call(work::get));
	}

	@Override
	@SuppressWarnings("NullAway") // the work's own result, null only if it returns null
	public <T> T asApp(Supplier<T> work) {
		if (UserScope.current() != null && TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("LakebaseUsers.asApp must start before the transaction: this one runs "
					+ "as a user. Call it outside the @Transactional method.");
		}
		return UserScope.unchecked(() -> UserScope.asApp(work::get));
	}

	@Override
	public @Nullable String currentUser() {
		UserPool pool = UserScope.current();
		return (pool != null) ? pool.identity() : null;
	}

	/**
	 * Run work as the requesting user.
	 * @param <T> the type of its result
	 * @param work the work
	 * @return its result
	 * @throws Throwable what the work throws, or a {@link UserAccessException}
	 */
	<T> @Nullable T call(UserScope.Work<T> work) throws Throwable {
		if (UserScope.current() != null) {
			return work.run();
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A user scope (@AsUser, LakebaseUsers) must start before the "
					+ "transaction: this one runs as the app. Put @AsUser on the @Transactional method or on one "
					+ "that calls it.");
		}
		Request request = Request.current();
		String token = (request != null) ? request.token() : null;
		if (token == null) {
			token = this.developerToken.get();
		}
		if (token == null) {
			logger.warn("A request to work as its user has no " + TOKEN_HEADER + " header: turn on user "
					+ "authorization for the app, with the 'postgres' scope; refused with 401");
			throw new UserAccessException(HttpStatus.UNAUTHORIZED, "No user token", null, null);
		}
		String identity = this.identities.identify(token);
		String email = (request != null) ? request.email() : null;
		if (email != null && !email.equalsIgnoreCase(identity)) {
			logger.warn("A request's " + EMAIL_HEADER + " disagrees with the identity of its token; refused with 403");
			throw new UserAccessException(HttpStatus.FORBIDDEN, EMAIL_HEADER + " disagrees with the token", null, null);
		}
		UserPool pool = this.pools.acquire(identity);
		try {
			if (pool.needsCredential(this.clock.instant())) {
				pool.credential(mint(identity, token), this.refreshWindow);
			}
			checkLogin(pool);
			return UserScope.within(pool, work);
		}
		finally {
			this.pools.release(pool);
		}
	}

	private MintedCredential mint(String identity, String token) {
		boolean acquired;
		try {
			acquired = this.mints.tryAcquire(this.mintWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while waiting to mint a user credential", ex);
		}
		if (!acquired) {
			logger.warn("More users than lakebase.users.max-concurrent-mints wait for a credential; answering 503");
			throw unavailable("Too many user credential mints at once", null);
		}
		long started = System.nanoTime();
		try {
			MintedCredential credential = this.mint.apply(token);
			this.events.credentialRefreshed("user", Duration.ofNanos(System.nanoTime() - started), true);
			return credential;
		}
		catch (RuntimeException ex) {
			this.events.credentialRefreshed("user", Duration.ofNanos(System.nanoTime() - started), false);
			throw mintFailure(identity, ex);
		}
		finally {
			this.mints.release();
		}
	}

	private RuntimeException mintFailure(String identity, RuntimeException ex) {
		int status = WorkspaceErrors.status(ex);
		if (status == 401) {
			logger.warn("The workspace refused a user's token when minting a database credential (" + ex.getMessage()
					+ "); the user signs in again; refused with 401");
			return new UserAccessException(HttpStatus.UNAUTHORIZED, "User token refused", null, ex);
		}
		if (status == 403) {
			logger.warn("Lakebase refused to mint a database credential for " + identity + " on " + this.target + " ("
					+ ex.getMessage() + "). Add the 'postgres' scope to the app's user authorization (the app's "
					+ "settings, User authorization; or user_api_scopes in the bundle's app resource), and give the "
					+ "user permission to connect to the database; refused with 403");
			return new UserAccessException(HttpStatus.FORBIDDEN, "User may not get a database credential", null, ex);
		}
		logger.warn(
				"Could not mint a database credential for a user: " + WorkspaceErrors.describe(ex) + "; answering 503");
		return unavailable("Could not mint a user credential", ex);
	}

	/**
	 * Log in once before the pool's first work: a user without a Postgres role is refused
	 * here, before any work starts, and the connection serves the work.
	 */
	private void checkLogin(UserPool pool) throws SQLException {
		if (pool.loggedIn()) {
			return;
		}
		try (Connection connection = pool.dataSource().getConnection()) {
			connection.isValid(0);
			pool.loggedIn(true);
		}
		catch (SQLException ex) {
			String state = sqlState(ex);
			if (state != null && state.toUpperCase(Locale.ROOT).startsWith("28")) {
				logger.warn("Lakebase refused the login of " + pool.identity() + " on " + this.target + " (" + state
						+ "): the user has no Postgres role there. Create it, for example in the Lakebase UI "
						+ "(Roles, Add role, the user) or with SELECT databricks_create_role('" + pool.identity()
						+ "', 'USER'), and GRANT it what the app reads and writes as the user; refused with 403");
				throw new UserAccessException(HttpStatus.FORBIDDEN, "User may not log in", null, ex);
			}
			throw ex;
		}
	}

	private static @Nullable String sqlState(SQLException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private static UserAccessException unavailable(String message, @Nullable Throwable cause) {
		return new UserAccessException(HttpStatus.SERVICE_UNAVAILABLE, message, UserPools.RETRY_AFTER, cause);
	}

	/**
	 * What the Databricks Apps proxy forwarded with the request at hand.
	 *
	 * @param token the user's token, or {@code null}
	 * @param email the user's e-mail, or {@code null}
	 */
	record Request(@Nullable String token, @Nullable String email) {

		static @Nullable Request current() {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			if (!(attributes instanceof ServletRequestAttributes servlet)) {
				return null;
			}
			HttpServletRequest request = servlet.getRequest();
			return new Request(blankToNull(request.getHeader(TOKEN_HEADER)),
					blankToNull(request.getHeader(EMAIL_HEADER)));
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isBlank()) ? null : value.trim();
		}

		@Override
		public String toString() {
			return "Request[token=" + ((this.token != null) ? "(set)" : null) + "]";
		}

	}

}
