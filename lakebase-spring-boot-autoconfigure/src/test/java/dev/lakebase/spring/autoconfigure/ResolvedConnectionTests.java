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

import java.util.Properties;

import dev.lakebase.spring.jdbc.LakebaseTlsSocketFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver properties a Lakebase login connects with: which TLS factory serves each SSL
 * mode, transaction pooling through the pooler, and the pool's own properties winning.
 */
class ResolvedConnectionTests {

	private static final String FACTORY = "sslfactory";

	@Test
	void aModeThatEncryptsWithoutVerifyingSharesOneTlsContext() {
		assertThat(connection("require", null).driverProperties(new Properties())).containsEntry(FACTORY,
				LakebaseTlsSocketFactory.class.getName());
		assertThat(onLoopback("prefer").driverProperties(new Properties())).containsEntry(FACTORY,
				LakebaseTlsSocketFactory.class.getName());
		assertThat(onLoopback("disable").driverProperties(new Properties())).doesNotContainKey(FACTORY);
	}

	@Test
	void aVerifyingModeVerifiesAgainstTheRootCertificateOrElseTheJvmTrustStore() {
		assertThat(connection("verify-full", null).driverProperties(new Properties())).containsEntry(FACTORY,
				"org.postgresql.ssl.DefaultJavaSSLFactory");
		assertThat(connection("verify-full", "/etc/ca.pem").driverProperties(new Properties()))
			.doesNotContainKey(FACTORY)
			.containsEntry("sslrootcert", "/etc/ca.pem");
		assertThat(connection("require", null).driverProperties(properties("sslmode", "verify-ca")))
			.containsEntry(FACTORY, "org.postgresql.ssl.DefaultJavaSSLFactory");
	}

	@Test
	void theFactoryOrClientCertificateOfThePoolsPropertiesWins() {
		assertThat(connection("require", null).driverProperties(properties(FACTORY, "com.example.Tls")))
			.containsEntry(FACTORY, "com.example.Tls");
		assertThat(connection("verify-full", null).driverProperties(properties(FACTORY, "com.example.Tls")))
			.containsEntry(FACTORY, "com.example.Tls");
		for (String clientCertificate : new String[] { "sslcert", "sslkey", "sslpassword", "sslpasswordcallback" }) {
			assertThat(connection("require", null).driverProperties(properties(clientCertificate, "x")))
				.as(clientCertificate)
				.doesNotContainKey(FACTORY);
		}
	}

	@Test
	void throughThePoolerTheDriverNeverNamesAPreparedStatementUnlessThePoolSaysSo() {
		ResolvedConnection pooled = connection("require", null).throughPooler("ep-1-pooler.database.example.com");
		assertThat(pooled.pooled()).isTrue();
		assertThat(pooled.host()).isEqualTo("ep-1-pooler.database.example.com");
		assertThat(pooled.driverProperties(new Properties())).containsEntry("prepareThreshold", "0");
		assertThat(pooled.driverProperties(properties("prepareThreshold", "5"))).containsEntry("prepareThreshold", "5");
		assertThat(pooled.toString()).contains("through the pooler (direct host ep-1.database.example.com)");
		ResolvedConnection direct = pooled.direct();
		assertThat(direct.pooled()).isFalse();
		assertThat(direct.host()).isEqualTo("ep-1.database.example.com");
		assertThat(direct.driverProperties(new Properties())).doesNotContainKey("prepareThreshold");
		assertThat(connection("require", null).direct().host()).isEqualTo("ep-1.database.example.com");
	}

	private static ResolvedConnection connection(String sslMode, @Nullable String rootCert) {
		return new ResolvedConnection("ep-1.database.example.com", 5432, "databricks_postgres", "app", sslMode,
				rootCert, "app", ResolvedConnection.Target.endpoint("projects/p/branches/b/endpoints/e"));
	}

	private static ResolvedConnection onLoopback(String sslMode) {
		return new ResolvedConnection("127.0.0.1", 5432, "databricks_postgres", "app", sslMode, null, "app",
				ResolvedConnection.Target.endpoint("projects/p/branches/b/endpoints/e"));
	}

	private static Properties properties(String name, String value) {
		Properties properties = new Properties();
		properties.setProperty(name, value);
		return properties;
	}

}
