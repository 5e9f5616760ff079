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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint for a front under test: its compute admits connects or not as the test
 * says, and it counts what the front tells it. Its database {@code db} is
 * {@code db__feature} in PostgreSQL, as a branch's is ({@link FrontBackend}).
 */
final class TestFrontEndpoint implements FrontEndpoint {

	volatile boolean admit = true;

	volatile WakeMode mode = WakeMode.HOLD;

	volatile boolean readOnly;

	final AtomicInteger accepted = new AtomicInteger();

	final AtomicInteger tlsHandshakes = new AtomicInteger();

	final AtomicInteger logins = new AtomicInteger();

	final AtomicInteger failedLogins = new AtomicInteger();

	final AtomicLong statements = new AtomicLong();

	volatile Map<String, String> lastStartup = Map.of();

	@Override
	public String path() {
		return "projects/p/branches/feature/endpoints/primary";
	}

	@Override
	public WakeMode wakeMode() {
		return this.mode;
	}

	@Override
	public boolean isReadOnly() {
		return this.readOnly;
	}

	@Override
	public String backendDatabase(String clientDatabase) {
		return clientDatabase + "__feature";
	}

	@Override
	public boolean admit(WakeMode mode) {
		return this.admit;
	}

	@Override
	public void connectionAccepted() {
		this.accepted.incrementAndGet();
	}

	@Override
	public void tlsHandshake(boolean resumed) {
		this.tlsHandshakes.incrementAndGet();
	}

	@Override
	public void login(boolean succeeded, Map<String, String> startupParameters) {
		(succeeded ? this.logins : this.failedLogins).incrementAndGet();
		if (succeeded) {
			this.lastStartup = startupParameters;
		}
	}

	@Override
	public void statementSeen() {
		this.statements.incrementAndGet();
	}

}
