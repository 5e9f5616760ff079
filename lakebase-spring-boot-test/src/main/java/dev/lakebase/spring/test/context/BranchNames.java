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

package dev.lakebase.spring.test.context;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Names a run's branch so that it is unique and says where it comes from: the GitHub
 * Actions run and attempt when there is one, else the time; a random suffix tells two
 * contexts of one run apart. A valid branch id: lowercase letters, digits and hyphens, at
 * most 63 characters, starting with a letter.
 *
 * @author Lakebase Spring Boot contributors
 */
final class BranchNames {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private static final SecureRandom random = new SecureRandom();

	private BranchNames() {
	}

	static String forRun(String prefix, Map<String, String> environment, Clock clock) {
		String runId = environment.get("GITHUB_RUN_ID");
		String run = (runId != null && !runId.isBlank())
				? "gh" + runId + "-" + environment.getOrDefault("GITHUB_RUN_ATTEMPT", "1")
				: TIME.format(clock.instant());
		byte[] suffix = new byte[2];
		random.nextBytes(suffix);
		String name = (prefix + "-" + run).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
		if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
			name = "run-" + name;
		}
		String tail = "-" + HexFormat.of().formatHex(suffix);
		return name.substring(0, Math.min(name.length(), 63 - tail.length())).replaceAll("-+$", "") + tail;
	}

}
