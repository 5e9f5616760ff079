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

package dev.lakebase.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.util.Credentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A new physical connection (TLS, login) with a cached credential: what the starter's
 * pool does to open a connection vs the PostgreSQL driver with a static password.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class LoginBenchmark {

	private Fixture fixture;

	private DataSource starterConnects;

	private final org.postgresql.Driver driver = new org.postgresql.Driver();

	private final Properties plainProperties = new Properties();

	private String url;

	private final Properties starterProperties = new Properties();

	private String starterUrl;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.fixture = new Fixture();
		PoolBenchmark.select1(this.fixture.starterPool);
		this.starterConnects = this.fixture.starterPool.getDataSource();
		this.url = this.fixture.plainPool.getJdbcUrl();
		this.plainProperties.setProperty("user", Fixture.PLAIN_ROLE);
		this.plainProperties.setProperty("password", this.fixture.plainPassword);
		Credentials credentials = this.fixture.starterPool.getCredentialsProvider().getCredentials();
		this.starterUrl = this.fixture.starterPool.getJdbcUrl();
		this.starterProperties.putAll(this.fixture.starterPool.getDataSourceProperties());
		this.starterProperties.setProperty("user", credentials.getUsername());
		this.starterProperties.setProperty("password", credentials.getPassword());
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.fixture.close();
	}

	@Benchmark
	public boolean starterLogin() throws SQLException {
		try (Connection connection = this.starterConnects.getConnection()) {
			return connection.isClosed();
		}
	}

	/**
	 * The PostgreSQL driver with what the starter logs in with (its URL, with
	 * {@code ApplicationName}, the OAuth role and its cached token), without the
	 * starter's code around the connect.
	 * @return whether the connection is closed
	 * @throws SQLException if the login fails
	 */
	@Benchmark
	public boolean driverWithStarterSettings() throws SQLException {
		try (Connection connection = this.driver.connect(this.starterUrl, this.starterProperties)) {
			return connection.isClosed();
		}
	}

	@Benchmark
	public boolean plainLogin() throws SQLException {
		try (Connection connection = this.driver.connect(this.url, this.plainProperties)) {
			return connection.isClosed();
		}
	}

}
