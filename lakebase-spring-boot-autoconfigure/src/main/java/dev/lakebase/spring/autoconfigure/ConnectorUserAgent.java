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
import java.util.Properties;

import com.databricks.sdk.core.UserAgent;

/**
 * Names the starter and its version in the {@code User-Agent} of the Databricks SDK's
 * calls, as Databricks asks of integrations, with the SDK's additive entry
 * ({@link UserAgent#withOtherInfo}); the product entry ({@code withProduct}) belongs to
 * the application. The SDK keeps these entries JVM-wide, in a list that takes the same
 * entry twice: the entry is added once, however many contexts start.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ConnectorUserAgent {

	static final String NAME = "lakebase-spring-boot-starter";

	static final String VERSION = version();

	private ConnectorUserAgent() {
	}

	static void identify() {
		// The SDK's own lock guards its list, not a look and an add together
		synchronized (UserAgent.class) {
			if (!UserAgent.asString().contains(" " + NAME + "/" + VERSION)) {
				UserAgent.withOtherInfo(NAME, VERSION);
			}
		}
	}

	private static String version() {
		try (InputStream in = ConnectorUserAgent.class.getResourceAsStream("connector.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			String version = properties.getProperty("version", "");
			return UserAgent.matchAlphanumOrSemVer(version) ? version : "unknown";
		}
		catch (IOException | IllegalArgumentException ex) {
			return "unknown";
		}
	}

}
