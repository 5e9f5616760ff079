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

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bits of the PostgreSQL protocol the emulator's front speaks: the startup packet in
 * both directions, the password message, an error response, and the limits on what a
 * client may send.
 */
class PgWireTests {

	@Test
	void aStartupPacketReadsBackItsParametersInOrder() throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("user", "someone@example.com");
		parameters.put("database", "databricks_postgres");
		parameters.put("application_name", "notes ü");
		byte[] body = PgWire.readUntypedMessage(stream(PgWire.startupMessage(parameters)));
		assertThat(PgWire.readInt(body, 0)).isEqualTo(PgWire.PROTOCOL_3_0);
		assertThat(PgWire.startupParameters(body)).containsExactlyEntriesOf(parameters);
	}

	@Test
	void aStartupPacketOfAnImpossibleLengthOrAnUnterminatedStringIsRefused() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> PgWire.readUntypedMessage(stream(new byte[] { 0, 0, 0, 4 })))
			.withMessage("Invalid startup packet length 4");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> PgWire.readUntypedMessage(stream(new byte[] { 0x7f, 0, 0, 0 })))
			.withMessageStartingWith("Invalid startup packet length");
		byte[] unterminated = Arrays.copyOf(new byte[] { 0, 3, 0, 0, 'u', 's', 'e', 'r' }, 8);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> PgWire.startupParameters(unterminated));
	}

	@Test
	void thePasswordIsReadWithoutItsTerminatorAndAnotherMessageIsNotAPassword() throws IOException {
		byte[] token = "lbemu.token".getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[1 + 4 + token.length + 1];
		message[0] = 'p';
		message[4] = (byte) (4 + token.length + 1);
		System.arraycopy(token, 0, message, 5, token.length);
		assertThat(PgWire.readPassword(stream(message))).isEqualTo("lbemu.token");
		message[0] = 'Q';
		assertThat(PgWire.readPassword(stream(message))).isNull();
	}

	@Test
	void anErrorResponseCarriesSeveritySqlStateAndMessage() throws IOException {
		byte[] error = PgWire.errorResponse("FATAL", "28P01", "password authentication failed");
		byte[] read = PgWire.readTypedMessage(stream(error));
		assertThat(read).isEqualTo(error);
		assertThat(new String(error, StandardCharsets.UTF_8)).startsWith("E")
			.contains("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed\0");
		assertThat(PgWire.readTypedMessage(stream(new byte[0]))).as("end of stream").isNull();
	}

	private static DataInputStream stream(byte[] bytes) {
		return new DataInputStream(new ByteArrayInputStream(bytes));
	}

}
