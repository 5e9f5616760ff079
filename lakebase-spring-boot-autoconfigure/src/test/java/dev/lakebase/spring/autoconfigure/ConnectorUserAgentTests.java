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

import com.databricks.sdk.core.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectorUserAgent}: the starter's entry is in the SDK's {@code User-Agent}
 * once, however often it is asked for, with the version the build wrote.
 */
class ConnectorUserAgentTests {

	@Test
	void theStarterIsNamedOnceWithItsVersion() {
		ConnectorUserAgent.identify();
		ConnectorUserAgent.identify();
		String agent = UserAgent.asString();
		String entry = " " + ConnectorUserAgent.NAME + "/" + ConnectorUserAgent.VERSION;
		assertThat(agent).contains(entry);
		assertThat(agent.indexOf(entry)).isEqualTo(agent.lastIndexOf(entry));
		assertThat(ConnectorUserAgent.VERSION).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
	}

}
