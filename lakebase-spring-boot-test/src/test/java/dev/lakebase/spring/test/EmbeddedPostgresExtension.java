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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the tests of one class, started before them with the statements
 * given and stopped after them.
 */
class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

	private final int maxConnections;

	private final String[] setup;

	private EmbeddedPostgresServer server;

	/**
	 * A server with a connection limit and statements run as its superuser in the
	 * {@code postgres} database once it is up.
	 * @param maxConnections PostgreSQL's {@code max_connections}
	 * @param setup the statements
	 */
	EmbeddedPostgresExtension(int maxConnections, String... setup) {
		this.maxConnections = maxConnections;
		this.setup = setup;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.server = new EmbeddedPostgresServer(this.maxConnections);
		if (this.setup.length > 0) {
			this.server.execute("postgres", this.setup);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.server.close();
	}

	EmbeddedPostgresServer server() {
		return this.server;
	}

}
