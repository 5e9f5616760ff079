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

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that hold PostgreSQL's connection slots, from
 * {@link EmulatedPostgres#exhaustConnections}; closing releases them.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class HeldConnections implements AutoCloseable {

	private final List<Connection> connections = new ArrayList<>();

	HeldConnections() {
	}

	/**
	 * Take every free connection slot, and those that free up within the settle time.
	 */
	static HeldConnections take(EmbeddedPostgresServer server, Duration settle) {
		HeldConnections held = new HeldConnections();
		long until = System.nanoTime() + settle.toNanos();
		boolean full = false;
		while (!full || System.nanoTime() < until) {
			try {
				held.add(server.connectAsSuperuser("postgres"));
			}
			catch (SQLException ex) {
				if (!"53300".equals(ex.getSQLState())) {
					held.close();
					throw new IllegalStateException("Could not take a connection slot: " + ex.getMessage(), ex);
				}
				full = true;
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		return held;
	}

	synchronized void add(Connection connection) {
		this.connections.add(connection);
	}

	/**
	 * Return how many slots are held.
	 * @return the number of held connections
	 */
	public synchronized int count() {
		return this.connections.size();
	}

	@Override
	public synchronized void close() {
		for (Connection connection : this.connections) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// the slot is released either way
			}
		}
		this.connections.clear();
	}

}
