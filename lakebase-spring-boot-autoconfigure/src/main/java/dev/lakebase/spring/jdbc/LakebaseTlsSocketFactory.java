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

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.postgresql.ssl.WrappedFactory;

/**
 * The TLS socket factory of the PostgreSQL driver for {@code sslmode=require}: it
 * encrypts without verifying the server, as the driver's own factory for that mode does,
 * but every connection shares one TLS context. The driver's factory builds a new context
 * for each connection, which costs the set-up of one and rules out TLS session
 * resumption; with one shared context a new connection resumes an earlier TLS session
 * where the server offers it. Presents no client certificate (Lakebase logs in with a
 * token).
 * <p>
 * The starter names this class as the driver's {@code sslfactory} for the modes that do
 * not verify the server, unless the pool's data source properties name a factory, a
 * client certificate or key of their own. The driver creates it by name, so the class is
 * public; an application may name it in a connection of its own.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseTlsSocketFactory extends WrappedFactory {

	/**
	 * The one TLS context, created when the driver first asks for this factory.
	 */
	private static final class Shared {

		static final SSLSocketFactory FACTORY = create();

		private static SSLSocketFactory create() {
			try {
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, new TrustManager[] { new EncryptOnly() }, null);
				return context.getSocketFactory();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("This JVM offers no TLS context: " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * Create the factory; the driver does so for each connection, and each shares the one
	 * TLS context.
	 */
	public LakebaseTlsSocketFactory() {
		this.factory = Shared.FACTORY;
	}

	/**
	 * What {@code sslmode=require} asks for: any server certificate, as libpq accepts it
	 * in that mode.
	 */
	private static final class EncryptOnly implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
