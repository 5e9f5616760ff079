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

package dev.lakebase.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * TLS settings from every place a user sets them, against an emulator whose certificate a
 * test CA signed for its addresses (not for {@code localhost}): the most specific setting
 * wins, a verifying mode checks the certificate and the host name, against a configured
 * root certificate or else the JVM's trust store.
 */
class TlsIntegrationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@TempDir
	static Path directory;

	@Test
	void theSslModeOfThePoolsDataSourcePropertiesWinsAndVerifiesAgainstTheJvmTrustStore() {
		runner("lakebase.ssl-mode=require", "spring.datasource.hikari.data-source-properties.sslmode=verify-full")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatException().isThrownBy(() -> context.getBean(JdbcTemplate.class).execute("SELECT 1"))
					.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex))
						.as("the JVM's trust store does not know the emulator's test CA")
						.containsAnyOf("PKIX path building failed", "unable to find valid certification path"));
			});
	}

	@Test
	void verifyFullConnectsWithTheRootCertificateFromEachPlaceItCanBeSet() throws IOException {
		String ca = certificateAuthority().toString();
		String[][] settings = { { "lakebase.ssl-mode=verify-full", "lakebase.ssl-root-cert=" + ca },
				{ "PGSSLMODE=verify-full", "PGSSLROOTCERT=" + ca },
				{ "spring.datasource.hikari.data-source-properties.sslmode=verify-full",
						"spring.datasource.hikari.data-source-properties.sslrootcert=" + ca },
				{ "lakebase.ssl-mode=verify-ca", "PGSSLROOTCERT=" + ca } };
		for (String[] setting : settings) {
			runner(setting).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class))
					.as(String.join(", ", setting))
					.isEqualTo(1);
			});
		}
	}

	@Test
	void verifyFullRefusesAHostNameTheCertificateDoesNotName() throws IOException {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		assertThat(endpoint.host()).isEqualTo(LakebaseEmulator.LOOPBACK);
		runner("PGHOST=localhost", "lakebase.ssl-mode=verify-full", "lakebase.ssl-root-cert=" + certificateAuthority())
			.run((context) -> assertThatException()
				.isThrownBy(() -> context.getBean(JdbcTemplate.class).execute("SELECT 1"))
				.satisfies((ex) -> assertThat(LakebaseTestSupport.messages(ex)).contains("localhost")
					.containsIgnoringCase("host")));
		runner("PGHOST=localhost", "lakebase.ssl-mode=require")
			.run((context) -> assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class))
				.as("require encrypts without checking the name")
				.isEqualTo(1));
	}

	@Test
	void aJvmTrustStoreThatHoldsTheCaVerifiesWithNoRootCertificateConfigured() throws Exception {
		Path trustStore = directory.resolve("trust.p12");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (InputStream in = Files.newInputStream(certificateAuthority())) {
			store.setCertificateEntry("emulator-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		try (OutputStream out = Files.newOutputStream(trustStore)) {
			store.store(out, "changeit".toCharArray());
		}
		Map<String, String> environment = new LinkedHashMap<>(lakebase.emulator().environment());
		environment.put("PGSSLMODE", "verify-full");
		environment.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trustStore
				+ " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12");
		AppProcess.Result result = AppProcess.run(LocalDevApp.class, directory, environment);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("CONNECTED user=");
	}

	@Test
	void theApplicationNameArrivesInTheStartupPacketAndNoStatementFollowsTheLogin() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner().run((context) -> {
			javax.sql.DataSource login = context.getBean(HikariDataSource.class).getDataSource();
			long statements = endpoint.counters().statements();
			try (Connection connection = login.getConnection()) {
				assertThat(connection.isClosed()).isFalse();
			}
			assertThat(endpoint.counters().statements()).as("statements sent by a login").isEqualTo(statements);
			assertThat(endpoint.counters().lastLoginStartupParameters()).containsEntry("application_name",
					EmulatorTestSupport.appsEnvironment(lakebase.emulator()).get("PGAPPNAME"));
		});
	}

	@Test
	void loginsShareOneTlsContextSoThatTheyResumeTheSessionOfAnEarlierOne() {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner().run((context) -> {
			javax.sql.DataSource login = context.getBean(HikariDataSource.class).getDataSource();
			login.getConnection().close();
			long handshakes = endpoint.counters().tlsHandshakes();
			long resumed = endpoint.counters().resumedTlsSessions();
			for (int i = 0; i < 3; i++) {
				login.getConnection().close();
			}
			assertThat(endpoint.counters().tlsHandshakes() - handshakes).isEqualTo(3);
			assertThat(endpoint.counters().resumedTlsSessions() - resumed).as("resumed TLS sessions").isEqualTo(3);
		});
	}

	@Test
	void theDriversOwnFactoryResumesNoSessionAndAClientCertificateKeepsIt() throws Exception {
		EmulatedEndpoint endpoint = lakebase.emulator().endpoint();
		runner("spring.datasource.hikari.data-source-properties.sslkey=" + directory.resolve("absent.pk8"))
			.run((context) -> {
				javax.sql.DataSource login = context.getBean(HikariDataSource.class).getDataSource();
				login.getConnection().close();
				long resumed = endpoint.counters().resumedTlsSessions();
				for (int i = 0; i < 3; i++) {
					login.getConnection().close();
				}
				assertThat(endpoint.counters().resumedTlsSessions() - resumed).as("resumed TLS sessions").isZero();
			});
	}

	private static ApplicationContextRunner runner(String... properties) {
		Map<String, String> environment = new LinkedHashMap<>(lakebase.emulator().environment());
		return LakebaseTestSupport.runner()
			.withPropertyValues(EmulatorTestSupport.properties(environment, properties))
			.withPropertyValues("spring.datasource.hikari.connection-timeout=5000", "lakebase.wake.budget=2s");
	}

	private static Path certificateAuthority() throws IOException {
		Path file = directory.resolve("emulator-ca.crt");
		if (!Files.exists(file)) {
			try (InputStream in = TlsIntegrationTests.class
				.getResourceAsStream("/dev/lakebase/spring/test/emulator-ca.crt")) {
				Files.copy(in, file);
			}
		}
		return file;
	}

}
