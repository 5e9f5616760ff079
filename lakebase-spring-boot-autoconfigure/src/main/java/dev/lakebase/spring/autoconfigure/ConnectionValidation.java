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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Checks of connection values before anything connects, failing with the name of the
 * property or variable and the accepted form.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ConnectionValidation {

	private static final String ID = "[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?";

	private static final Pattern RESOURCE_ID = Pattern.compile(ID);

	private static final Pattern ENDPOINT_PATH = Pattern
		.compile("projects/" + ID + "/branches/" + ID + "/endpoints/" + ID);

	private static final String ID_RULE = "1-63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen";

	static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

	private static final List<String> WEAK_SSL_MODES = List.of("disable", "allow", "prefer");

	private ConnectionValidation() {
	}

	static @Nullable String endpointPath(ConnectionValue value) {
		if (value.isPresent() && !ENDPOINT_PATH.matcher(value.value()).matches()) {
			throw value.invalid(
					"an Autoscaling endpoint resource path, projects/{project}/branches/{branch}/endpoints/{endpoint}, each id "
							+ ID_RULE);
		}
		return value.value();
	}

	static @Nullable String resourceId(ConnectionValue value, String what) {
		if (value.isPresent() && !RESOURCE_ID.matcher(value.value()).matches()) {
			throw value.invalid(what + ": " + ID_RULE);
		}
		return value.value();
	}

	static @Nullable String host(ConnectionValue value) {
		String host = value.value();
		if (host != null && (host.contains("://") || host.contains("/")
				|| host.chars().anyMatch(Character::isWhitespace) || host.startsWith("-"))) {
			throw value.invalid(
					"a host name only, without scheme, port or path (for example ep-name.database.cloud.databricks.com)");
		}
		return host;
	}

	static int port(ConnectionValue value) {
		if (!value.isPresent()) {
			return ConnectionResolver.DEFAULT_PORT;
		}
		try {
			int port = Integer.parseInt(value.value());
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw value.invalid("a port number between 1 and 65535");
	}

	static String sslMode(ConnectionValue value, String host) {
		String mode = value.orElse("require");
		if (!SSL_MODES.contains(mode)) {
			throw value.invalid("one of " + String.join(", ", SSL_MODES));
		}
		if (WEAK_SSL_MODES.contains(mode) && !isLoopback(host)) {
			throw new LakebaseConfigurationException(
					"Invalid Lakebase configuration: " + value.source() + " is '" + mode
							+ "', which lets connections to " + host + " go unencrypted; Lakebase refuses them.",
					"Set " + value.source() + " to require (encrypted, the default), verify-ca or verify-full, "
							+ "or remove it.");
		}
		return mode;
	}

	/**
	 * A file that must exist: a root certificate, say.
	 */
	static @Nullable String file(ConnectionValue value) {
		String path = value.value();
		if (path != null && !Files.isRegularFile(Path.of(path))) {
			throw value.invalid("the path of an existing file");
		}
		return path;
	}

	static String notBlank(ConnectionValue value, String fallback) {
		return value.orElse(fallback);
	}

	static boolean isLoopback(String host) {
		return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
				|| host.equals("[::1]");
	}

}
