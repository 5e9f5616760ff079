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

package dev.lakebase.spring.workspace;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import com.databricks.sdk.service.postgres.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom the Lakebase DataSource connects, and how it gets its password.
 *
 * @param host the host
 * @param port the port
 * @param database the database name
 * @param username the Postgres user name
 * @param sslMode the pgjdbc SSL mode
 * @param applicationName the application name, or {@code null}
 * @param target what the password comes from
 * @author Lakebase Spring Boot contributors
 */
public record ResolvedConnection(String host, int port, String database, String username, String sslMode,
		@Nullable String applicationName, Target target) {

	/**
	 * What the password comes from.
	 *
	 * @param kind the kind of credential
	 * @param name the endpoint path or instance name, or {@code null} for a native
	 * password
	 * @param password the native password, or {@code null}
	 * @param suspendTimeout the endpoint's suspend timeout when the workspace reported it
	 * while the connection was worked out, or {@code null}
	 */
	public record Target(Kind kind, @Nullable String name, @Nullable String password,
			@Nullable Duration suspendTimeout) {

		/**
		 * The suspend timeout of an endpoint with {@code no_suspension}: it never scales
		 * to zero.
		 */
		public static final Duration NEVER_SUSPENDS = ChronoUnit.FOREVER.getDuration();

		static Target endpoint(String path) {
			return new Target(Kind.AUTOSCALING_ENDPOINT, path, null, null);
		}

		/**
		 * The target of an endpoint the workspace has reported, with its suspend timeout,
		 * so that the pool need not ask for the endpoint again.
		 * @param path the endpoint path
		 * @param reported the endpoint as the workspace reported it
		 * @return the target
		 */
		static Target endpoint(String path, Endpoint reported) {
			return new Target(Kind.AUTOSCALING_ENDPOINT, path, null, suspendTimeout(reported));
		}

		static Target instance(String name) {
			return new Target(Kind.PROVISIONED_INSTANCE, name, null, null);
		}

		static Target nativePassword(String password) {
			return new Target(Kind.NATIVE_PASSWORD, null, password, null);
		}

		/**
		 * Return an endpoint's suspend timeout: {@link #NEVER_SUSPENDS} when its spec
		 * says {@code no_suspension}, else its spec's timeout, else its status's.
		 * @param endpoint the endpoint as the workspace reported it
		 * @return the suspend timeout, or {@code null} when the workspace reports none
		 */
		public static @Nullable Duration suspendTimeout(Endpoint endpoint) {
			if (endpoint.getSpec() != null && Boolean.TRUE.equals(endpoint.getSpec().getNoSuspension())) {
				return NEVER_SUSPENDS;
			}
			com.google.protobuf.Duration timeout = (endpoint.getSpec() != null)
					? endpoint.getSpec().getSuspendTimeoutDuration() : null;
			if (timeout == null && endpoint.getStatus() != null) {
				timeout = endpoint.getStatus().getSuspendTimeoutDuration();
			}
			return (timeout != null) ? Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos()) : null;
		}

		/**
		 * Return the endpoint path or instance name credentials are minted for.
		 * @return the endpoint path or instance name
		 * @throws IllegalStateException with a native password
		 */
		public String resource() {
			if (this.name == null) {
				throw new IllegalStateException("A native password has no endpoint or instance");
			}
			return this.name;
		}

		public String describe() {
			return switch (this.kind) {
				case AUTOSCALING_ENDPOINT -> "endpoint " + this.name;
				case PROVISIONED_INSTANCE -> "instance " + this.name;
				case NATIVE_PASSWORD -> "a native Postgres password";
			};
		}

		@Override
		public String toString() {
			return "Target[" + describe() + "]";
		}

	}

	/**
	 * Kind of credential.
	 */
	public enum Kind {

		AUTOSCALING_ENDPOINT, PROVISIONED_INSTANCE, NATIVE_PASSWORD

	}

	public String jdbcUrl() {
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl())
			.append(':')
			.append(this.port)
			.append('/')
			.append(encode(this.database))
			.append("?sslmode=")
			.append(encode(this.sslMode));
		if (this.applicationName != null) {
			url.append("&ApplicationName=").append(encode(this.applicationName));
		}
		return url.toString();
	}

	private String hostForUrl() {
		return (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]" : this.host;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		return "ResolvedConnection[" + this.username + "@" + this.host + ":" + this.port + "/" + this.database
				+ ", sslmode=" + this.sslMode + ", " + this.target.describe() + "]";
	}

}
