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

package dev.lakebase.spring.test;

import java.util.Map;

/**
 * The readable secondaries of an endpoint's high-availability group, as their fronts see
 * them: the primary's compute and counters, sessions read-only.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ReadableSecondary implements FrontEndpoint {

	private final EndpointLifecycle primary;

	ReadableSecondary(EndpointLifecycle primary) {
		this.primary = primary;
	}

	@Override
	public String path() {
		return this.primary.path();
	}

	@Override
	public WakeMode wakeMode() {
		return this.primary.wakeMode();
	}

	@Override
	public boolean isReadOnly() {
		return true;
	}

	@Override
	public String backendDatabase(String clientDatabase) {
		return this.primary.backendDatabase(clientDatabase);
	}

	@Override
	public boolean admit(WakeMode mode) {
		return this.primary.admit(mode);
	}

	@Override
	public void connectionAccepted() {
		this.primary.connectionAccepted();
	}

	@Override
	public void tlsHandshake(boolean resumed) {
		this.primary.tlsHandshake(resumed);
	}

	@Override
	public void login(boolean succeeded, Map<String, String> startupParameters) {
		this.primary.login(succeeded, startupParameters);
	}

	@Override
	public void statementSeen() {
		this.primary.statementSeen();
	}

}
