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

import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmulatorTls}: the fronts' certificate verifies against {@code emulator-ca.crt}
 * for the emulator's loopback addresses, with host name checks on, and names no
 * {@code localhost}; a client that trusts only the JDK's authorities refuses it.
 */
class EmulatorTlsTests {

	@Test
	void theCertificateVerifiesAgainstTheEmulatorsCaForItsAddresses() throws Exception {
		Certificate[] chain = handshake(trusting(emulatorCa()));
		X509Certificate certificate = (X509Certificate) chain[0];
		List<String> names = new ArrayList<>();
		for (List<?> name : certificate.getSubjectAlternativeNames()) {
			names.add(String.valueOf(name.get(1)));
		}
		assertThat(names).contains("127.0.0.1", "127.0.0.254").doesNotContain("localhost");
	}

	@Test
	void aClientThatTrustsOnlyTheJdksAuthoritiesRefusesIt() {
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> handshake(trusting(null)));
	}

	private static Certificate[] handshake(SSLContext client) throws Exception {
		try (SSLServerSocket server = (SSLServerSocket) EmulatorTls.context()
			.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getByName(LakebaseEmulator.LOOPBACK))) {
			CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
				try (SSLSocket socket = (SSLSocket) server.accept()) {
					socket.startHandshake();
				}
				catch (Exception ex) {
					// the client's failure is the one the test looks at
				}
			});
			try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
				.createSocket(LakebaseEmulator.LOOPBACK, server.getLocalPort())) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				socket.startHandshake();
				return socket.getSession().getPeerCertificates();
			}
			finally {
				accepted.get(10, TimeUnit.SECONDS);
			}
		}
	}

	private static KeyStore emulatorCa() throws Exception {
		try (InputStream in = EmulatorTls.class.getResourceAsStream("/dev/lakebase/spring/test/emulator-ca.crt")) {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("emulator-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
			return trust;
		}
	}

	private static SSLContext trusting(KeyStore trust) throws Exception {
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
