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

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * One client session on a pooled host, after its login: it holds a PostgreSQL session of
 * the {@link TransactionPooler} from the first message of a transaction to the
 * {@code ReadyForQuery} that ends it (idle, with no other request on its way), and none
 * in between. Messages are relayed whole, so the session sees each transaction end.
 *
 * @author Lakebase Spring Boot contributors
 */
final class PooledSession {

	private final TransactionPooler pooler;

	private final Map<String, String> startup;

	private final PostgresFront front;

	private final DataInputStream clientIn;

	private final OutputStream clientOut;

	private final Runnable closeClient;

	private final Object lock = new Object();

	private TransactionPooler.@Nullable Server server;

	/** Syncs and simple queries sent whose {@code ReadyForQuery} has not come back. */
	private int outstanding;

	/** Extended-protocol messages sent since the last Sync. */
	private boolean unsynced;

	private boolean ended;

	PooledSession(TransactionPooler pooler, Map<String, String> startup, PostgresFront front, DataInputStream clientIn,
			OutputStream clientOut, Runnable closeClient) {
		this.pooler = pooler;
		this.startup = startup;
		this.front = front;
		this.clientIn = clientIn;
		this.clientOut = clientOut;
		this.closeClient = closeClient;
	}

	/**
	 * Greet the client as PostgreSQL would and relay its transactions until it leaves.
	 * @param executor runs the relay from PostgreSQL to the client
	 * @throws IOException if the client's connection fails
	 */
	void run(ExecutorService executor) throws IOException {
		try {
			greet();
		}
		catch (TransactionPooler.PoolerException ex) {
			this.clientOut.write(ex.errorResponse());
			this.clientOut.flush();
			return;
		}
		executor.execute(this::relayToClient);
		try {
			relayToServers();
		}
		finally {
			end();
		}
	}

	private void greet() throws IOException {
		this.clientOut.write(PgWire.authentication(PgWire.AUTH_OK));
		for (byte[] status : this.pooler.parameterStatus(this.startup)) {
			this.clientOut.write(status);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.clientOut.write(PgWire.backendKeyData(random.nextInt(1, Integer.MAX_VALUE), random.nextInt()));
		this.clientOut.write(PgWire.readyForQuery('I'));
		this.clientOut.flush();
	}

	private void relayToServers() throws IOException {
		while (true) {
			byte[] message = PgWire.readTypedMessage(this.clientIn);
			if (message == null || message[0] == 'X') {
				return;
			}
			byte type = message[0];
			if (type == 'Q' || type == 'E') {
				this.front.statementSeen();
			}
			TransactionPooler.Server target = holdFor(type);
			if (target == null) {
				try {
					target = this.pooler.acquire(this.startup);
				}
				catch (TransactionPooler.PoolerException ex) {
					this.clientOut.write(ex.errorResponse());
					this.clientOut.flush();
					return;
				}
				synchronized (this.lock) {
					this.server = target;
					count(type);
					this.lock.notifyAll();
				}
			}
			target.write(message);
		}
	}

	/**
	 * Count a message against the session held, if one is: while it counts, the session
	 * is not given back.
	 */
	private TransactionPooler.@Nullable Server holdFor(byte type) {
		synchronized (this.lock) {
			if (this.server != null) {
				count(type);
			}
			return this.server;
		}
	}

	private void count(byte type) {
		if (type == 'S' || type == 'Q' || type == 'F') {
			this.outstanding++;
			this.unsynced = false;
		}
		else if (type != 'd' && type != 'c' && type != 'f' && type != 'H') {
			// COPY data and Flush belong to what is already on its way
			this.unsynced = true;
		}
	}

	private void relayToClient() {
		try {
			while (true) {
				TransactionPooler.Server source;
				synchronized (this.lock) {
					while (this.server == null && !this.ended) {
						this.lock.wait();
					}
					if (this.server == null) {
						return;
					}
					source = this.server;
				}
				byte[] message = source.read();
				if (message == null) {
					return;
				}
				boolean release = false;
				if (message[0] == 'Z') {
					synchronized (this.lock) {
						this.outstanding--;
						if (this.outstanding <= 0 && !this.unsynced && message[5] == 'I') {
							this.outstanding = 0;
							this.server = null;
							release = true;
						}
					}
				}
				this.clientOut.write(message);
				if (release || !source.hasBuffered()) {
					this.clientOut.flush();
				}
				if (release) {
					this.pooler.release(source);
				}
			}
		}
		catch (IOException ex) {
			// the client or PostgreSQL went away: the session ends
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			end();
			this.closeClient.run();
		}
	}

	/**
	 * End the session. A PostgreSQL session still held is mid-transaction, or its relay
	 * may be reading from it: it is closed, never given to another client.
	 */
	private void end() {
		TransactionPooler.Server held;
		synchronized (this.lock) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			held = this.server;
			this.server = null;
			this.lock.notifyAll();
		}
		if (held != null) {
			this.pooler.discard(held);
		}
	}

}
