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

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The few PostgreSQL frontend/backend protocol (v3) messages the emulator's front needs.
 *
 * @author Lakebase Spring Boot contributors
 */
final class PgWire {

	static final int PROTOCOL_3_0 = 196608;

	static final int SSL_REQUEST = 80877103;

	static final int GSSENC_REQUEST = 80877104;

	static final int CANCEL_REQUEST = 80877102;

	static final int AUTH_OK = 0;

	static final int AUTH_CLEARTEXT_PASSWORD = 3;

	/** Largest startup or password message the front accepts. */
	static final int MAX_STARTUP_LENGTH = 64 * 1024;

	private PgWire() {
	}

	/**
	 * Read a length-prefixed message without a type byte (startup, SSL, cancel).
	 * @param in the client stream
	 * @return the body after the length word
	 * @throws IOException on a short or oversized message
	 */
	static byte[] readUntypedMessage(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 8 || length > MAX_STARTUP_LENGTH) {
			throw new IOException("Invalid startup packet length " + length);
		}
		byte[] body = new byte[length - 4];
		in.readFully(body);
		return body;
	}

	static int readInt(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
				| (bytes[offset + 3] & 0xFF);
	}

	/**
	 * Parse the parameters of a startup message body (after the protocol word).
	 * @param body the startup body including the protocol word
	 * @return the parameters in order
	 */
	static Map<String, String> startupParameters(byte[] body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int position = 4;
		while (position < body.length && body[position] != 0) {
			int keyEnd = indexOfZero(body, position);
			int valueEnd = indexOfZero(body, keyEnd + 1);
			parameters.put(new String(body, position, keyEnd - position, StandardCharsets.UTF_8),
					new String(body, keyEnd + 1, valueEnd - keyEnd - 1, StandardCharsets.UTF_8));
			position = valueEnd + 1;
		}
		return parameters;
	}

	private static int indexOfZero(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("Unterminated string in startup packet");
	}

	static byte[] startupMessage(Map<String, String> parameters) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeInt(body, PROTOCOL_3_0);
		parameters.forEach((key, value) -> {
			writeCString(body, key);
			writeCString(body, value);
		});
		body.write(0);
		return withLength(null, body.toByteArray());
	}

	static byte[] authentication(int code) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeInt(body, code);
		return withLength('R', body.toByteArray());
	}

	/**
	 * Read a password message ('p').
	 * @param in the client stream
	 * @return the password, or {@code null} if the client sent something else
	 * @throws IOException on a read failure
	 */
	static @Nullable String readPassword(DataInputStream in) throws IOException {
		int type = in.read();
		if (type < 0) {
			throw new EOFException("Client closed the connection during authentication");
		}
		int length = in.readInt();
		if (length < 4 || length > MAX_STARTUP_LENGTH) {
			throw new IOException("Invalid password message length " + length);
		}
		byte[] body = new byte[length - 4];
		in.readFully(body);
		if (type != 'p') {
			return null;
		}
		int end = (body.length > 0 && body[body.length - 1] == 0) ? body.length - 1 : body.length;
		return new String(body, 0, end, StandardCharsets.UTF_8);
	}

	/**
	 * An ErrorResponse as PostgreSQL sends it.
	 * @param severity {@code FATAL} or {@code ERROR}
	 * @param sqlState the five-character SQLSTATE
	 * @param message the primary message
	 * @return the encoded message
	 */
	static byte[] errorResponse(String severity, String sqlState, String message) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write('S');
		writeCString(body, severity);
		body.write('V');
		writeCString(body, severity);
		body.write('C');
		writeCString(body, sqlState);
		body.write('M');
		writeCString(body, message);
		body.write(0);
		return withLength('E', body.toByteArray());
	}

	static byte[] query(String sql) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeCString(body, sql);
		return withLength('Q', body.toByteArray());
	}

	static byte[] backendKeyData(int processId, int secretKey) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeInt(body, processId);
		writeInt(body, secretKey);
		return withLength('K', body.toByteArray());
	}

	static byte[] readyForQuery(char status) {
		return withLength('Z', new byte[] { (byte) status });
	}

	private static byte[] withLength(@Nullable Character type, byte[] body) {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		if (type != null) {
			message.write(type);
		}
		writeInt(message, body.length + 4);
		message.writeBytes(body);
		return message.toByteArray();
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write(value >>> 16);
		out.write(value >>> 8);
		out.write(value);
	}

	private static void writeCString(ByteArrayOutputStream out, String value) {
		out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
		out.write(0);
	}

	/**
	 * Read one typed message (type byte, length, body) as it was sent.
	 * @param in the stream
	 * @return the message with its type and length, or {@code null} at the end of the
	 * stream
	 * @throws IOException if the stream fails or the length is invalid
	 */
	static byte @Nullable [] readTypedMessage(DataInputStream in) throws IOException {
		int type = in.read();
		if (type < 0) {
			return null;
		}
		int length = in.readInt();
		if (length < 4) {
			throw new IOException("Invalid message length " + length);
		}
		byte[] message = new byte[length + 1];
		message[0] = (byte) type;
		message[1] = (byte) (length >>> 24);
		message[2] = (byte) (length >>> 16);
		message[3] = (byte) (length >>> 8);
		message[4] = (byte) length;
		in.readFully(message, 5, length - 4);
		return message;
	}

}
