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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Borrow a connection, run {@code SELECT 1}, return it: the starter's pool vs a plain
 * HikariCP pool with a static password, at 1 and 8 threads.
 */
@BenchmarkMode(Mode.Throughput)
@State(Scope.Benchmark)
public class PoolBenchmark {

	private Fixture fixture;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.fixture = new Fixture();
		select1(this.fixture.starterPool);
		select1(this.fixture.plainPool);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.fixture.close();
	}

	@Benchmark
	@Threads(1)
	public int starter1Thread() throws SQLException {
		return select1(this.fixture.starterPool);
	}

	@Benchmark
	@Threads(1)
	public int plain1Thread() throws SQLException {
		return select1(this.fixture.plainPool);
	}

	@Benchmark
	@Threads(8)
	public int starter8Threads() throws SQLException {
		return select1(this.fixture.starterPool);
	}

	@Benchmark
	@Threads(8)
	public int plain8Threads() throws SQLException {
		return select1(this.fixture.plainPool);
	}

	static int select1(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1")) {
			result.next();
			return result.getInt(1);
		}
	}

}
