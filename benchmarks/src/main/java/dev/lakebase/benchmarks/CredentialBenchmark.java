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

import java.util.concurrent.TimeUnit;

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
 * The credential on the hot path: what HikariCP calls for every new physical connection
 * (the starter's credentials provider), against what a plain HikariCP pool looks up there
 * and the cost of reading a volatile field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CredentialBenchmark {

	private Fixture fixture;

	private volatile String volatileToken = "baseline";

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.fixture = new Fixture();
		PoolBenchmark.select1(this.fixture.starterPool);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.fixture.close();
	}

	@Benchmark
	public Credentials starterCredential() {
		return this.fixture.starterPool.getCredentialsProvider().getCredentials();
	}

	/**
	 * What a plain HikariCP pool looks up for every new connection: its configured
	 * credentials (an {@code AtomicReference}).
	 * @return the credentials
	 */
	@Benchmark
	public Credentials plainCredential() {
		return this.fixture.plainPool.getCredentials();
	}

	@Benchmark
	public String volatileRead() {
		return this.volatileToken;
	}

}
