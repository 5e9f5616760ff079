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

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the tests of the fronts, one per test class, with what a client
 * of a {@link TestFrontEndpoint} logs in to (the role {@code app} and the database
 * {@code db__feature}); fronts opened on it for a test, closed after it; and clients of
 * those fronts. A login is accepted unless its password is {@code bad}.
 */
final class FrontBackend extends EmbeddedPostgresExtension implements AfterEachCallback {

	private final List<PostgresFront> fronts = new ArrayList<>();

	private ExecutorService executor;

	FrontBackend() {
		super(20, "CREATE ROLE app LOGIN", "CREATE DATABASE \"db__feature\" OWNER app");
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.executor = Executors.newCachedThreadPool();
		super.beforeAll(context);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		for (PostgresFront front : this.fronts) {
			front.close();
		}
		this.fronts.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		super.afterAll(context);
		this.executor.shutdownNow();
	}

	/**
	 * Open the fronts of endpoints, as the emulator opens them.
	 * @param poolSize the sessions of a user and database a pooled front keeps, or 0 for
	 * direct fronts
	 * @param endpoints the endpoints
	 * @return the fronts, in the order of the endpoints
	 * @throws IOException if one cannot be opened
	 */
	List<PostgresFront> open(int poolSize, FrontEndpoint... endpoints) throws IOException {
		List<PostgresFront> opened = PostgresFront.openAll(List.of(endpoints), 0, List.of(), server().unixSocket(),
				(user, password) -> !"bad".equals(password), this.executor, poolSize);
		this.fronts.addAll(opened);
		return opened;
	}

	/**
	 * Open the direct front of an endpoint.
	 * @param endpoint the endpoint
	 * @return the front
	 * @throws IOException if it cannot be opened
	 */
	PostgresFront open(FrontEndpoint endpoint) throws IOException {
		return open(0, endpoint).get(0);
	}

	/**
	 * Connect to a front's database {@code db} as {@code app} with TLS.
	 * @param front the front
	 * @param password the password
	 * @param settings more driver settings, as names and values
	 * @return the connection
	 * @throws SQLException if it fails
	 */
	static Connection connect(PostgresFront front, String password, String... settings) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "app");
		properties.setProperty("password", password);
		properties.setProperty("sslmode", "require");
		properties.setProperty("connectTimeout", "10");
		for (int i = 0; i + 1 < settings.length; i += 2) {
			properties.setProperty(settings[i], settings[i + 1]);
		}
		return DriverManager
			.getConnection("jdbc:postgresql://" + LakebaseEmulator.LOOPBACK + ":" + front.port() + "/db", properties);
	}

}
