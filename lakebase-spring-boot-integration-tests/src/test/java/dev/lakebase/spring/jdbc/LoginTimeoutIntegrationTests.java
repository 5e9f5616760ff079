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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The login timeout the pool sets bounds a login, and the logins it bounds run on reused
 * threads rather than on a new thread each.
 */
class LoginTimeoutIntegrationTests {

	private static final String ROLE = "login_timeout";

	private static final String PASSWORD = UUID.randomUUID().toString();

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@BeforeAll
	static void addRole() {
		lakebase.emulator().identities().addNativeRole(ROLE, PASSWORD);
	}

	@BeforeEach
	void reset() {
		RecordingSocketFactory.threads.clear();
		CountingExecutor.attempts.set(0);
	}

	@Test
	void loginsWithATimeoutRunOnReusedConnectThreads() throws SQLException {
		LakebaseLoginDataSource dataSource = dataSource(new Properties());
		dataSource.setLoginTimeout(30);
		for (int i = 0; i < 10; i++) {
			try (Connection connection = dataSource.getConnection(ROLE, PASSWORD)) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
		assertThat(RecordingSocketFactory.threads).hasSize(10).allMatch((name) -> name.startsWith("lakebase-connect-"));
		Set<String> distinct = new LinkedHashSet<>(RecordingSocketFactory.threads);
		assertThat(distinct).as("threads for 10 logins one after the other").hasSizeLessThan(10);
	}

	@Test
	void withoutATimeoutTheLoginRunsOnTheCallersThread() throws SQLException {
		LakebaseLoginDataSource dataSource = dataSource(new Properties());
		try (Connection connection = dataSource.getConnection(ROLE, PASSWORD)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(RecordingSocketFactory.threads).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void aConnectExecutorConfiguredForTheDriverWins() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("connectExecutor", CountingExecutor.class.getName());
		LakebaseLoginDataSource dataSource = dataSource(properties);
		dataSource.setLoginTimeout(30);
		try (Connection connection = dataSource.getConnection(ROLE, PASSWORD)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(CountingExecutor.attempts).hasValue(1);
		assertThat(RecordingSocketFactory.threads).containsExactly("counting-connect");
	}

	@Test
	void aLoginThatGetsNoAnswerFailsAfterTheLoginTimeout() throws IOException {
		// Accepts the TCP connection (the backlog does) and never answers
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			LakebaseLoginDataSource dataSource = new LakebaseLoginDataSource(
					"jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres?sslmode=disable", ROLE,
					new Properties(), null, null, LakebaseEvents.NONE);
			dataSource.setLoginTimeout(1);
			long started = System.nanoTime();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection(ROLE, PASSWORD))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"))
				.withMessageContaining("timed out");
			assertThat(System.nanoTime() - started).as("time to fail").isLessThan(TimeUnit.SECONDS.toNanos(20));
		}
	}

	private static LakebaseLoginDataSource dataSource(Properties properties) {
		properties.setProperty("socketFactory", RecordingSocketFactory.class.getName());
		String url = lakebase.emulator().jdbcUrl(lakebase.emulator().endpoint());
		return new LakebaseLoginDataSource(url, ROLE, properties, null, null, LakebaseEvents.NONE);
	}

	/**
	 * Records the thread each of the driver's sockets is created on: the thread the login
	 * runs on.
	 */
	public static class RecordingSocketFactory extends SocketFactory {

		static final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public Socket createSocket() {
			threads.add(Thread.currentThread().getName());
			return new Socket();
		}

		@Override
		public Socket createSocket(String host, int port) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Socket createSocket(InetAddress host, int port) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
			throw new UnsupportedOperationException();
		}

	}

	/**
	 * A connect executor of the application's own: a new thread per attempt, counted.
	 */
	public static class CountingExecutor implements Executor {

		static final AtomicInteger attempts = new AtomicInteger();

		@Override
		public void execute(Runnable attempt) {
			attempts.incrementAndGet();
			Thread thread = new Thread(attempt, "counting-connect");
			thread.setDaemon(true);
			thread.start();
		}

	}

}
