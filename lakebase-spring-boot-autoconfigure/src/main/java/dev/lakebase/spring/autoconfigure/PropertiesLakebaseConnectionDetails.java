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

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link LakebaseConnectionDetails} the starter works out from {@code lakebase.*}
 * properties, the {@code PG*} variables and the workspace ({@link ConnectionResolver}),
 * once, on first use.
 *
 * @author Lakebase Spring Boot contributors
 */
final class PropertiesLakebaseConnectionDetails implements LakebaseConnectionDetails {

	private final Supplier<ResolvedConnection> connection;

	PropertiesLakebaseConnectionDetails(Supplier<ResolvedConnection> connection) {
		this.connection = SingletonSupplier.of(connection);
	}

	/**
	 * Return connection details derived from these, for example those of the read-only
	 * endpoint, worked out once, on first use.
	 * @param details the details to derive from
	 * @param derivation how to derive the connection from theirs
	 * @return the derived details
	 */
	static PropertiesLakebaseConnectionDetails derive(LakebaseConnectionDetails details,
			Function<ResolvedConnection, ResolvedConnection> derivation) {
		return new PropertiesLakebaseConnectionDetails(() -> derivation.apply(ResolvedConnection.of(details)));
	}

	ResolvedConnection connection() {
		return this.connection.get();
	}

	@Override
	public String getHost() {
		return connection().host();
	}

	@Override
	public int getPort() {
		return connection().port();
	}

	@Override
	public String getDatabase() {
		return connection().database();
	}

	@Override
	public String getUsername() {
		return connection().username();
	}

	@Override
	public @Nullable String getPassword() {
		return connection().target().password();
	}

	@Override
	public @Nullable String getEndpoint() {
		ResolvedConnection.Target target = connection().target();
		return (target.kind() == ResolvedConnection.Kind.AUTOSCALING_ENDPOINT) ? target.name() : null;
	}

	@Override
	public @Nullable String getInstanceName() {
		ResolvedConnection.Target target = connection().target();
		return (target.kind() == ResolvedConnection.Kind.PROVISIONED_INSTANCE) ? target.name() : null;
	}

	@Override
	public @Nullable String getDirectHost() {
		return connection().directHost();
	}

	@Override
	public String getSslMode() {
		return connection().sslMode();
	}

	@Override
	public @Nullable String getSslRootCert() {
		return connection().sslRootCert();
	}

	@Override
	public @Nullable String getApplicationName() {
		return connection().applicationName();
	}

	@Override
	public String getJdbcUrl() {
		return connection().jdbcUrl();
	}

	@Override
	public String toString() {
		return "LakebaseConnectionDetails";
	}

}
