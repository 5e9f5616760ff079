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
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to an emulated endpoint: TLS, startup, the token check that
 * Lakebase does in front of PostgreSQL, then a relay to a real PostgreSQL session of its
 * own or, on a pooled host, a {@link PooledSession}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class FrontConnection implements Runnable, Closeable {

	private static final Logger logger = LoggerFactory.getLogger(FrontConnection.class);

	private final PostgresFront front;

	private final ExecutorService executor;

	private volatile Socket client;

	private volatile @Nullable SocketChannel backend;

	private volatile boolean closed;

	FrontConnection(PostgresFront front, Socket client, ExecutorService executor) {
		this.front = front;
		this.client = client;
		this.executor = executor;
	}

	@Override
	public void run() {
		try {
			serve();
		}
		catch (IOException | RuntimeException ex) {
			if (!this.closed) {
				logger.debug("Emulator connection ended: {}", ex.toString());
			}
		}
		finally {
			close();
		}
	}

	private void serve() throws IOException {
		FrontEndpoint endpoint = this.front.endpoint();
		if (endpoint.wakeMode() == WakeMode.RESET && !this.front.admit(WakeMode.RESET)) {
			this.client.setSoLinger(true, 0);
			return;
		}
		DataInputStream in = new DataInputStream(this.client.getInputStream());
		OutputStream out = this.client.getOutputStream();
		boolean tls = false;
		Map<String, String> parameters = null;
		while (parameters == null) {
			byte[] body = PgWire.readUntypedMessage(in);
			int code = PgWire.readInt(body, 0);
			if (code == PgWire.SSL_REQUEST && !tls) {
				out.write('S');
				out.flush();
				SSLSocket ssl = (SSLSocket) this.front.sslContext()
					.getSocketFactory()
					.createSocket(this.client, null, true);
				ssl.setUseClientMode(false);
				long handshakeStarted = System.currentTimeMillis();
				ssl.startHandshake();
				// A resumed session keeps the time the session it resumes was created
				endpoint.tlsHandshake(ssl.getSession().getCreationTime() < handshakeStarted);
				this.client = ssl;
				in = new DataInputStream(new BufferedInputStream(ssl.getInputStream()));
				out = new BufferedOutputStream(ssl.getOutputStream());
				tls = true;
			}
			else if (code == PgWire.GSSENC_REQUEST || code == PgWire.SSL_REQUEST) {
				out.write('N');
				out.flush();
			}
			else if (code == PgWire.CANCEL_REQUEST) {
				this.front.forwardCancel(body);
				return;
			}
			else if (code == PgWire.PROTOCOL_3_0) {
				parameters = PgWire.startupParameters(body);
			}
			else {
				sendError(out, "08P01", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF));
				return;
			}
		}
		if (endpoint.wakeMode() != WakeMode.RESET && !this.front.admit(endpoint.wakeMode())) {
			sendError(out, "57P03", "the database system is starting up");
			return;
		}
		if (!tls) {
			sendError(out, "28000", "connection is insecure: this endpoint requires SSL (use sslmode=require)");
			return;
		}
		String user = parameters.getOrDefault("user", "");
		out.write(PgWire.authentication(PgWire.AUTH_CLEARTEXT_PASSWORD));
		out.flush();
		String password = PgWire.readPassword(in);
		if (password == null || !this.front.login(user, password, parameters)) {
			sendError(out, "28P01", "password authentication failed for user \"" + user + "\"");
			return;
		}
		TransactionPooler pooler = this.front.pooler();
		if (pooler != null) {
			new PooledSession(pooler, backendParameters(parameters, endpoint), this.front, in, out, this::close)
				.run(this.executor);
			return;
		}
		try {
			openBackend(parameters, endpoint);
		}
		catch (SocketException ex) {
			// PostgreSQL is down (restarting): answer as PostgreSQL does while it starts
			sendError(out, "57P03", "the database system is starting up");
			return;
		}
		InputStream clientIn = in;
		OutputStream clientOut = out;
		this.executor.execute(() -> relayToClient(clientOut));
		relayToBackend(clientIn);
	}

	private static Map<String, String> backendParameters(Map<String, String> clientParameters, FrontEndpoint endpoint) {
		Map<String, String> parameters = new LinkedHashMap<>(clientParameters);
		parameters.put("database", endpoint.backendDatabase(clientParameters.getOrDefault("database", "")));
		if (endpoint.isReadOnly()) {
			parameters.put("default_transaction_read_only", "on");
		}
		return parameters;
	}

	private void openBackend(Map<String, String> clientParameters, FrontEndpoint endpoint) throws IOException {
		Map<String, String> parameters = backendParameters(clientParameters, endpoint);
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		this.backend = channel;
		if (this.closed) {
			channel.close();
			throw new IOException("Connection closed while opening the backend");
		}
		channel.connect(UnixDomainSocketAddress.of(this.front.backendSocket()));
		writeFully(channel, PgWire.startupMessage(parameters));
	}

	private void relayToBackend(InputStream clientIn) throws IOException {
		DataInputStream in = new DataInputStream(clientIn);
		while (true) {
			byte[] message = PgWire.readTypedMessage(in);
			if (message == null) {
				return;
			}
			int type = message[0];
			if (type == 'Q' || type == 'E') {
				this.front.statementSeen();
			}
			writeFully(backend(), message);
			if (type == 'X') {
				return;
			}
		}
	}

	private void relayToClient(OutputStream clientOut) {
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		try {
			SocketChannel backend = backend();
			while (backend.read(buffer) >= 0) {
				clientOut.write(buffer.array(), 0, buffer.position());
				clientOut.flush();
				buffer.clear();
			}
		}
		catch (IOException ex) {
			logger.trace("Backend relay ended: {}", ex.toString());
		}
		finally {
			close();
		}
	}

	private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static void sendError(OutputStream out, String sqlState, String message) throws IOException {
		out.write(PgWire.errorResponse("FATAL", sqlState, message));
		out.flush();
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.backend);
		closeQuietly(this.client);
		this.front.closed(this);
	}

	private SocketChannel backend() {
		SocketChannel backend = this.backend;
		if (backend == null) {
			throw new IllegalStateException("Not connected to PostgreSQL");
		}
		return backend;
	}

	private static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// already closing: nothing left to release
			}
		}
	}

}
