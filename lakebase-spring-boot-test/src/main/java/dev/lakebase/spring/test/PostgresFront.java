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

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing port of one emulated endpoint: its direct host, or its pooled host.
 * Accepts connections, lets the endpoint decide whether a suspended compute admits them,
 * checks the token and relays each session to the real PostgreSQL over its Unix socket,
 * whole or, on a pooled host, a transaction at a time through its
 * {@link TransactionPooler}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class PostgresFront implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(PostgresFront.class);

	private final FrontEndpoint endpoint;

	private final ServerSocket serverSocket;

	private final SSLContext sslContext;

	private final Path backendSocket;

	private final BiPredicate<String, String> loginCheck;

	private final ExecutorService executor;

	private final @Nullable TransactionPooler pooler;

	private final Set<FrontConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private volatile boolean running = true;

	PostgresFront(FrontEndpoint endpoint, InetSocketAddress address, SSLContext sslContext, Path backendSocket,
			BiPredicate<String, String> loginCheck, ExecutorService executor, @Nullable TransactionPooler pooler)
			throws IOException {
		this.endpoint = endpoint;
		this.pooler = pooler;
		this.sslContext = sslContext;
		this.backendSocket = backendSocket;
		this.loginCheck = loginCheck;
		this.executor = executor;
		this.serverSocket = new ServerSocket();
		this.serverSocket.setReuseAddress(true);
		this.serverSocket.bind(address, 200);
		executor.execute(this::acceptLoop);
	}

	InetAddress address() {
		return this.serverSocket.getInetAddress();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	FrontEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Return the pooler of a pooled host.
	 * @return the pooler, or {@code null} for the endpoint's direct host
	 */
	@Nullable TransactionPooler pooler() {
		return this.pooler;
	}

	SSLContext sslContext() {
		return this.sslContext;
	}

	Path backendSocket() {
		return this.backendSocket;
	}

	private void acceptLoop() {
		while (this.running) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				FrontConnection connection = new FrontConnection(this, socket, this.executor);
				this.connections.add(connection);
				this.accepted.incrementAndGet();
				this.endpoint.connectionAccepted();
				this.executor.execute(connection);
			}
			catch (SocketException ex) {
				if (this.running) {
					logger.warn("Emulator front of {} stopped accepting: {}", this.endpoint.path(), ex.toString());
				}
				return;
			}
			catch (IOException ex) {
				logger.debug("Emulator accept failed: {}", ex.toString());
			}
		}
	}

	boolean admit(WakeMode mode) {
		return this.endpoint.admit(mode);
	}

	boolean login(String user, String password, Map<String, String> startupParameters) {
		boolean accepted = this.loginCheck.test(user, password);
		this.endpoint.login(accepted, startupParameters);
		return accepted;
	}

	void statementSeen() {
		this.endpoint.statementSeen();
	}

	void forwardCancel(byte[] cancelBody) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(this.backendSocket));
			ByteBuffer packet = ByteBuffer.allocate(cancelBody.length + 4);
			packet.putInt(cancelBody.length + 4).put(cancelBody).flip();
			while (packet.hasRemaining()) {
				channel.write(packet);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not forward a cancel request: {}", ex.toString());
		}
	}

	void closed(FrontConnection connection) {
		this.connections.remove(connection);
	}

	/**
	 * Return how many connections this front accepted in all.
	 * @return the number of connections
	 */
	long acceptedConnections() {
		return this.accepted.get();
	}

	int openConnections() {
		return this.connections.size();
	}

	/**
	 * Close every client connection, as a suspending compute does.
	 */
	void closeConnections() {
		for (FrontConnection connection : new ArrayList<>(this.connections)) {
			connection.close();
		}
		if (this.pooler != null) {
			this.pooler.closeIdle();
		}
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		this.serverSocket.close();
		List<FrontConnection> open = new ArrayList<>(this.connections);
		open.forEach(FrontConnection::close);
		if (this.pooler != null) {
			this.pooler.close();
		}
	}

	/**
	 * Open a front for each endpoint: the first on a free port of {@code 127.0.0.1}, the
	 * others on the same port of {@code 127.0.0.2}, {@code 127.0.0.3} and so on where the
	 * system has those addresses (Lakebase endpoints share port 5432 on different hosts),
	 * else each on a port of its own.
	 * @param endpoints the endpoints, in order
	 * @param sharedPort the port the endpoints share, or 0 to take a free one
	 * @param open the fronts already open, whose addresses are taken
	 * @param backendSocket PostgreSQL's Unix socket
	 * @param loginCheck what decides a login
	 * @param executor runs the fronts' connections
	 * @param poolSize for pooled hosts, the PostgreSQL sessions of a user and database
	 * each pooler keeps at most; 0 for direct hosts
	 * @return the fronts, in the order of the endpoints
	 * @throws IOException if a front cannot be opened
	 */
	static List<PostgresFront> openAll(List<? extends FrontEndpoint> endpoints, int sharedPort,
			Collection<PostgresFront> open, Path backendSocket, BiPredicate<String, String> loginCheck,
			ExecutorService executor, int poolSize) throws IOException {
		SSLContext tls = EmulatorTls.context();
		List<PostgresFront> fronts = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		open.forEach((other) -> taken.add(other.address().getHostAddress()));
		try {
			int port = sharedPort;
			for (FrontEndpoint endpoint : endpoints) {
				PostgresFront front = null;
				if (port != 0) {
					String host = IntStream.range(2, 255)
						.mapToObj((n) -> "127.0.0." + n)
						.filter((candidate) -> !taken.contains(candidate))
						.findFirst()
						.orElse(LakebaseEmulator.LOOPBACK);
					try {
						front = new PostgresFront(endpoint, new InetSocketAddress(InetAddress.getByName(host), port),
								tls, backendSocket, loginCheck, executor, pooler(backendSocket, poolSize));
					}
					catch (IOException ex) {
						logger.debug("Loopback address {} unavailable ({}); {} gets its own port on {}", host,
								ex.toString(), endpoint.path(), LakebaseEmulator.LOOPBACK);
					}
				}
				if (front == null) {
					front = new PostgresFront(endpoint, new InetSocketAddress(LakebaseEmulator.LOOPBACK, port), tls,
							backendSocket, loginCheck, executor, pooler(backendSocket, poolSize));
				}
				port = (port != 0) ? port : front.port();
				taken.add(front.address().getHostAddress());
				fronts.add(front);
			}
			return fronts;
		}
		catch (IOException | RuntimeException ex) {
			for (PostgresFront front : fronts) {
				front.close();
			}
			throw ex;
		}
	}

	private static @Nullable TransactionPooler pooler(Path backendSocket, int poolSize) {
		// PgBouncer's query_wait_timeout: 120 s
		return (poolSize > 0) ? new TransactionPooler(backendSocket, poolSize, Duration.ofSeconds(120)) : null;
	}

}
