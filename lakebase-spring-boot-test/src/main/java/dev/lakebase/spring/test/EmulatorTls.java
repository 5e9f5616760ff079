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
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS the endpoints' fronts speak, with a certificate for the emulator's addresses
 * ({@code 127.0.0.1} to {@code 127.0.0.254}, not {@code localhost}) that a test CA
 * signed: clients connect with {@code sslmode=require}, which encrypts without verifying,
 * or verify it against {@code emulator-ca.crt} on the class path.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EmulatorTls {

	private EmulatorTls() {
	}

	/**
	 * Return the TLS set-up of every front: the emulator's certificate.
	 * @return the TLS context
	 * @throws IOException if the certificate cannot be read
	 */
	static SSLContext context() throws IOException {
		try (InputStream keyStoreStream = EmulatorTls.class
			.getResourceAsStream("/dev/lakebase/spring/test/emulator-tls.p12")) {
			char[] password = "emulator".toCharArray();
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(keyStoreStream, password);
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not load the emulator's TLS certificate", ex);
		}
	}

}
