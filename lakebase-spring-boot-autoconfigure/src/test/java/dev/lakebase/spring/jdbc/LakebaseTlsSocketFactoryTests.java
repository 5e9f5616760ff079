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

package dev.lakebase.spring.jdbc;

import java.lang.reflect.Field;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;
import org.postgresql.ssl.WrappedFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseTlsSocketFactory}: every instance the driver creates shares one TLS
 * context, so that a new connection can resume an earlier TLS session. (That the server
 * resumes it is counted by the emulator in {@code TlsIntegrationTests}.)
 */
class LakebaseTlsSocketFactoryTests {

	@Test
	void everyFactoryTheDriverCreatesSharesOneTlsContext() throws Exception {
		assertThat(wrapped(new LakebaseTlsSocketFactory())).isSameAs(wrapped(new LakebaseTlsSocketFactory()));
	}

	@Test
	void itOffersTheTlsCipherSuitesOfTheJvm() {
		LakebaseTlsSocketFactory factory = new LakebaseTlsSocketFactory();
		assertThat(factory.getSupportedCipherSuites()).isNotEmpty();
		assertThat(factory.getDefaultCipherSuites()).isNotEmpty();
	}

	private static SSLSocketFactory wrapped(LakebaseTlsSocketFactory factory) throws Exception {
		Field field = WrappedFactory.class.getDeclaredField("factory");
		field.setAccessible(true);
		return (SSLSocketFactory) field.get(factory);
	}

}
