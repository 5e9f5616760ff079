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

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The connection pooler behind an endpoint's pooled host, as its clients see Lakebase's
 * PgBouncer in transaction mode: client sessions share a few PostgreSQL sessions, one
 * pool of them per user and database, and a client holds one only from the start of a
 * transaction to its end. A session goes back to its pool reset ({@code DISCARD ALL}), so
 * nothing a client leaves in it (a {@code SET}, a temporary table, an advisory lock, a
 * {@code LISTEN}, a named prepared statement) is there in its next transaction, as it may
 * not be with PgBouncer, where that transaction may run in another session.
 *
 * @author Lakebase Spring Boot contributors
 */
final class TransactionPooler implements Closeable {

	private final Path backendSocket;

	private final int poolSize;

	private final Duration queueTimeout;

	private final Map<Key, Pool> pools = new ConcurrentHashMap<>();

	private final AtomicInteger servers = new AtomicInteger();

	/** Counts the compute's stops: a session opened before the last one is gone. */
	private final AtomicInteger generation = new AtomicInteger();

	private volatile boolean closed;

	/**
	 * Create a pooler.
	 * @param backendSocket PostgreSQL's Unix socket
	 * @param poolSize the PostgreSQL sessions of one user and database at most
	 * @param queueTimeout how long a transaction waits for a session before it fails
	 */
	TransactionPooler(Path backendSocket, int poolSize, Duration queueTimeout) {
		this.backendSocket = backendSocket;
		this.poolSize = poolSize;
		this.queueTimeout = queueTimeout;
	}

	/**
	 * Return the PostgreSQL sessions the pooler holds open, busy or idle.
	 * @return the number of sessions
	 */
	int serverConnections() {
		return this.servers.get();
	}

	/**
	 * Return the PostgreSQL sessions of one user and database at most.
	 * @return the pool size
	 */
	int poolSize() {
		return this.poolSize;
	}

	/**
	 * Take a PostgreSQL session of a user and database for one transaction, opening one
	 * if none is idle and the pool has room, else waiting for one.
	 * @param startup the startup parameters of the session, user and database among them
	 * @return the session
	 * @throws IOException if none is free in time or PostgreSQL refuses a new one
	 */
	Server acquire(Map<String, String> startup) throws IOException {
		Key key = new Key(startup.getOrDefault("user", ""), startup.getOrDefault("database", ""));
		Pool pool = this.pools.computeIfAbsent(key, (k) -> new Pool(this.poolSize));
		try {
			if (!pool.permits.tryAcquire(this.queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new PoolerException("08P01", "query_wait_timeout");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for a server connection", ex);
		}
		Server idle = pool.poll();
		if (idle != null) {
			return idle;
		}
		try {
			Server server = open(key, startup);
			this.servers.incrementAndGet();
			pool.parameterStatus = server.parameterStatus;
			return server;
		}
		catch (IOException | RuntimeException ex) {
			pool.permits.release();
			throw ex;
		}
	}

	/**
	 * Return the {@code ParameterStatus} messages PostgreSQL greets a session of a user
	 * and database with, to greet a client with before it holds a session.
	 * @param startup the startup parameters, user and database among them
	 * @return the messages
	 * @throws IOException if no session can be opened to learn them
	 */
	List<byte[]> parameterStatus(Map<String, String> startup) throws IOException {
		Key key = new Key(startup.getOrDefault("user", ""), startup.getOrDefault("database", ""));
		Pool pool = this.pools.get(key);
		List<byte[]> known = (pool != null) ? pool.parameterStatus : null;
		if (known != null) {
			return known;
		}
		Server server = acquire(startup);
		release(server);
		return server.parameterStatus;
	}

	/**
	 * Give a session back at the end of a transaction: reset, then idle in its pool; or
	 * closed if it cannot be reset.
	 * @param server the session
	 */
	void release(Server server) {
		Pool pool = this.pools.get(server.key);
		try {
			if (!this.closed && pool != null && server.generation == this.generation.get() && server.reset()
					&& pool.offer(server, this.generation)) {
				return;
			}
		}
		catch (IOException ex) {
			// closed below
		}
		finally {
			if (pool != null) {
				pool.permits.release();
			}
		}
		close(server);
	}

	/**
	 * Close a session that is in an unknown state (its client went away mid-transaction).
	 * @param server the session
	 */
	void discard(Server server) {
		close(server);
		Pool pool = this.pools.get(server.key);
		if (pool != null) {
			pool.permits.release();
		}
	}

	/**
	 * Close every session, as a compute that stops does: the idle ones now, the busy ones
	 * when their transaction gives them back.
	 */
	void closeIdle() {
		this.generation.incrementAndGet();
		for (Pool pool : this.pools.values()) {
			for (Server server : pool.drain()) {
				close(server);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		closeIdle();
	}

	private void close(Server server) {
		if (server.closeOnce()) {
			this.servers.decrementAndGet();
		}
	}

	private Server open(Key key, Map<String, String> startup) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(this.backendSocket));
			Server server = new Server(key, channel, this.generation.get());
			server.write(PgWire.startupMessage(startup));
			while (true) {
				byte[] message = server.read();
				if (message == null) {
					throw new IOException("PostgreSQL closed the connection during startup");
				}
				switch (message[0]) {
					case 'S' -> server.parameterStatus.add(message);
					case 'E' -> throw PoolerException.of(message);
					case 'Z' -> {
						return server;
					}
					default -> {
						// AuthenticationOk, BackendKeyData, notices
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	record Key(String user, String database) {
	}

	/**
	 * The sessions of one user and database.
	 */
	private static final class Pool {

		private final Semaphore permits;

		private final Deque<Server> idle = new ArrayDeque<>();

		private volatile @Nullable List<byte[]> parameterStatus;

		Pool(int size) {
			this.permits = new Semaphore(size, true);
		}

		synchronized @Nullable Server poll() {
			return this.idle.pollFirst();
		}

		/**
		 * Take a session back unless the compute stopped since it opened.
		 */
		synchronized boolean offer(Server server, AtomicInteger generation) {
			if (server.generation != generation.get()) {
				return false;
			}
			this.idle.addFirst(server);
			return true;
		}

		synchronized List<Server> drain() {
			List<Server> all = new ArrayList<>(this.idle);
			this.idle.clear();
			return all;
		}

	}

	/**
	 * One PostgreSQL session of the pooler.
	 */
	static final class Server {

		private final Key key;

		private final SocketChannel channel;

		private final DataInputStream in;

		private final List<byte[]> parameterStatus = new ArrayList<>();

		private final AtomicInteger closed = new AtomicInteger();

		private final int generation;

		Server(Key key, SocketChannel channel, int generation) {
			this.key = key;
			this.generation = generation;
			this.channel = channel;
			this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024));
		}

		/**
		 * The {@code ParameterStatus} messages PostgreSQL sent when the session started.
		 */
		List<byte[]> parameterStatus() {
			return this.parameterStatus;
		}

		byte @Nullable [] read() throws IOException {
			return PgWire.readTypedMessage(this.in);
		}

		boolean hasBuffered() throws IOException {
			return this.in.available() > 0;
		}

		void write(byte[] message) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(message);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}

		/**
		 * Reset the session for its next client.
		 * @return whether it is ready for one
		 */
		boolean reset() throws IOException {
			write(PgWire.query("DISCARD ALL"));
			boolean ok = true;
			while (true) {
				byte[] message = read();
				if (message == null) {
					return false;
				}
				if (message[0] == 'E') {
					ok = false;
				}
				if (message[0] == 'Z') {
					return ok && message[5] == 'I';
				}
			}
		}

		private boolean closeOnce() {
			if (this.closed.getAndIncrement() != 0) {
				return false;
			}
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closing: nothing left to release
			}
			return true;
		}

	}

	/**
	 * An error to answer a client with, in PostgreSQL's terms.
	 */
	static final class PoolerException extends IOException {

		private final String sqlState;

		private final String text;

		PoolerException(String sqlState, String message) {
			super(message);
			this.sqlState = sqlState;
			this.text = message;
		}

		/**
		 * The error as a client is told it.
		 */
		byte[] errorResponse() {
			return PgWire.errorResponse("FATAL", this.sqlState, this.text);
		}

		static PoolerException of(byte[] errorResponse) {
			String sqlState = "08006";
			String message = "server login failed";
			int i = 5;
			while (i < errorResponse.length && errorResponse[i] != 0) {
				byte field = errorResponse[i++];
				int end = i;
				while (end < errorResponse.length && errorResponse[end] != 0) {
					end++;
				}
				String value = new String(errorResponse, i, end - i, StandardCharsets.UTF_8);
				if (field == 'C') {
					sqlState = value;
				}
				else if (field == 'M') {
					message = value;
				}
				i = end + 1;
			}
			return new PoolerException(sqlState, message);
		}

	}

}
