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

import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The connection budget, checked once at startup: the connections every instance of the
 * app may open (its pool at full size, the users' pools at their cap, and a headroom for
 * migrations and administration) against what the endpoint's compute allows at its
 * maximum size (about 209 connections per CU, at most 4,000). When they do not fit, one
 * WARN gives the numbers and the fixes, and the start goes on. Through the connection
 * pooler the app's pools are clients of the pooler (at most 10,000), which opens one
 * server pool per user and database (about 90 % of the limit at most): the app's pools
 * share one, each user has one. Needs no workspace call on the connection path: the
 * compute size comes with the endpoint the connection was resolved from (or one read at
 * startup), the instances from {@code lakebase.budget.instances} or the app's
 * {@code compute_max_instances}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ConnectionBudget implements SmartInitializingSingleton {

	/** Client connections Lakebase's pooler accepts at most. */
	static final int POOLER_CLIENT_LIMIT = 10_000;

	private static final double CONNECTIONS_PER_CU = 209.75;

	private static final int MAX_CONNECTIONS = 4_000;

	private static final Log logger = LogFactory.getLog(ConnectionBudget.class);

	private final ObjectProvider<DataSource> dataSource;

	private final LakebaseConnectionDetails details;

	private final LakebaseWorkspace workspace;

	private final LakebaseProperties properties;

	private final Environment environment;

	private final ObjectProvider<UserPools> userPools;

	private volatile @Nullable Budget budget;

	ConnectionBudget(ObjectProvider<DataSource> dataSource, LakebaseConnectionDetails details,
			LakebaseWorkspace workspace, LakebaseProperties properties, Environment environment,
			ObjectProvider<UserPools> userPools) {
		this.dataSource = dataSource;
		this.userPools = userPools;
		this.details = details;
		this.workspace = workspace;
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * Return the connections Lakebase allows a compute of a size.
	 * @param computeUnits the size in CU
	 * @return the connection limit
	 */
	static int connectionLimit(double computeUnits) {
		return (int) Math.min(MAX_CONNECTIONS, Math.floor(computeUnits * CONNECTIONS_PER_CU + 1e-6));
	}

	/**
	 * Return the budget as checked at startup.
	 * @return the budget, or {@code null} when it could not be worked out
	 */
	@Nullable Budget budget() {
		return this.budget;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			Budget checked = check();
			this.budget = checked;
			if (checked != null) {
				report(checked);
			}
		}
		catch (RuntimeException | SQLException ex) {
			logger.debug("Could not check the Lakebase connection budget", ex);
		}
	}

	private @Nullable Budget check() throws SQLException {
		DataSource candidate = this.dataSource.getIfUnique();
		if (candidate == null || !candidate.isWrapperFor(HikariDataSource.class)) {
			return null;
		}
		int pool = candidate.unwrap(HikariDataSource.class).getMaximumPoolSize();
		ResolvedConnection connection = ResolvedConnection.of(this.details);
		Double computeUnits = this.workspace.maxComputeUnits(connection.target());
		if (computeUnits == null) {
			logger.debug("The workspace reports no compute size for " + connection.target().describe()
					+ "; the connection budget is not checked");
			return null;
		}
		LakebaseProperties.Users users = this.properties.getUsers();
		// Only where users' pools exist: on, in a servlet application
		int userConnections = (this.userPools.getIfAvailable() != null) ? users.getMaxPools() * users.getMaxPoolSize()
				: 0;
		Instances instances = instances();
		return new Budget(connection.target().describe(), computeUnits, connectionLimit(computeUnits),
				connection.pooled(), instances.count(), instances.source(), pool, userConnections,
				this.properties.getBudget().getHeadroom());
	}

	private Instances instances() {
		Integer configured = this.properties.getBudget().getInstances();
		if (configured != null) {
			return new Instances(configured, "lakebase.budget.instances");
		}
		String appName = this.environment.getProperty("DATABRICKS_APP_NAME");
		if (StringUtils.hasText(appName)) {
			Long reported = this.workspace.appMaxInstances(appName);
			if (reported != null && reported > 0) {
				return new Instances(reported.intValue(), "the app's compute_max_instances");
			}
		}
		return new Instances(1, "assumed; set lakebase.budget.instances, or let the app's identity read the app");
	}

	private void report(Budget budget) {
		if (budget.fits()) {
			logger.info("Lakebase connection budget: " + budget);
			return;
		}
		StringBuilder fixes = new StringBuilder();
		if (!budget.pooled()) {
			fixes
				.append("connect through the endpoint's pooler (lakebase.pooler.enabled=true), make the pools "
						+ "smaller (spring.datasource.hikari.maximum-pool-size=")
				.append(budget.fittingPoolSize())
				.append(" or less)");
		}
		else if (budget.clients() > POOLER_CLIENT_LIMIT) {
			fixes.append("make the pools smaller (spring.datasource.hikari.maximum-pool-size=")
				.append(budget.fittingPoolSize())
				.append(" or less)");
		}
		if (budget.users() > 0) {
			fixes.append((fixes.length() > 0) ? ", " : "")
				.append("cap the users' pools lower (lakebase.users.max-pools, lakebase.users.max-pool-size)");
		}
		fixes.append(", or raise the endpoint's maximum compute size");
		logger.warn("Lakebase connection budget exceeded: " + budget + ". Instances will wait for connections, "
				+ "unevenly, and then fail to get one. Fix: " + fixes);
	}

	/**
	 * How many instances of the app there are, and who says so.
	 */
	private record Instances(int count, String source) {
	}

	/**
	 * The numbers of the budget.
	 *
	 * @param target the endpoint
	 * @param computeUnits its maximum compute size
	 * @param computeLimit the connections its compute allows at that size
	 * @param pooled whether the app connects through the pooler
	 * @param instances the instances of the app
	 * @param instancesSource who says how many instances there are
	 * @param pool the app's pool size
	 * @param users the connections of the users' pools at their cap
	 * @param headroom the connections kept free
	 */
	record Budget(String target, double computeUnits, int computeLimit, boolean pooled, int instances,
			String instancesSource, int pool, int users, int headroom) {

		/**
		 * Return the client connections of the app's instances: to the pooler, or to the
		 * compute.
		 * @return the client connections
		 */
		int clients() {
			return (this.pool + this.users) * this.instances;
		}

		/**
		 * Return the connections the app's instances may take on the compute: through the
		 * pooler the app's share one server pool (about 90 % of the limit at most), while
		 * each user has a server pool of their own.
		 * @return the demand
		 */
		int demand() {
			int app = this.pool * this.instances;
			if (this.pooled) {
				app = Math.min(app, poolerPoolSize());
			}
			return app + this.users * this.instances + this.headroom;
		}

		/**
		 * Return the connections the compute allows at its maximum size.
		 * @return the limit
		 */
		int limit() {
			return this.computeLimit;
		}

		boolean fits() {
			return demand() <= limit() && (!this.pooled || clients() <= POOLER_CLIENT_LIMIT);
		}

		/**
		 * Return the largest pool size with which the app's pools fit.
		 * @return the pool size, at least 1
		 */
		int fittingPoolSize() {
			int available = this.pooled ? POOLER_CLIENT_LIMIT : limit() - this.headroom;
			return Math.max(1, available / this.instances - this.users);
		}

		private int poolerPoolSize() {
			return this.computeLimit * 9 / 10;
		}

		@Override
		public String toString() {
			String perInstance = "pool " + this.pool + ((this.users > 0) ? " + users' pools " + this.users : "");
			String size = String.format(Locale.ROOT, "%s CU", trim(this.computeUnits));
			String clients = this.instances + " instance" + ((this.instances != 1) ? "s" : "") + " ("
					+ this.instancesSource + ") x (" + perInstance + ")";
			if (!this.pooled) {
				return clients + " + headroom " + this.headroom + " = " + demand() + " connections for the "
						+ this.computeLimit + " that " + this.target + " allows at its maximum of " + size;
			}
			int app = Math.min(this.pool * this.instances, poolerPoolSize());
			return clients + " = " + clients() + " clients of the pooler of " + this.target + " (it accepts "
					+ POOLER_CLIENT_LIMIT + "), which opens at most " + app + " for the app"
					+ ((this.users > 0) ? " and " + (this.users * this.instances) + " for the users (a pool each)" : "")
					+ ", + headroom " + this.headroom + " = " + demand() + " connections for the " + this.computeLimit
					+ " it allows at its maximum of " + size;
		}

		private static String trim(double value) {
			return (value == Math.rint(value)) ? Long.toString((long) value)
					: String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
		}

	}

}
