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

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops what a {@link LakebaseEmulator} runs: PostgreSQL with the endpoints'
 * fronts, and the fake workspace; and stops them when the JVM exits with the emulator
 * still running.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EmulatorRuntime implements BranchHost {

	private static final Logger logger = LoggerFactory.getLogger(LakebaseEmulator.class);

	private final EmulatorDirectory directory;

	private final EmulatedPostgres postgres;

	private final EmulatedWorkspace workspace;

	private final Clock clock;

	private @Nullable Thread shutdownHook;

	EmulatorRuntime(EmulatorDirectory directory, EmulatedPostgres postgres, EmulatedWorkspace workspace, Clock clock) {
		this.directory = directory;
		this.postgres = postgres;
		this.workspace = workspace;
		this.clock = clock;
	}

	synchronized void start() {
		if (this.directory.startTimeIfStarted() != null) {
			throw new IllegalStateException("The emulator was started already");
		}
		long started = System.nanoTime();
		this.directory.started(this.clock.instant());
		try {
			this.postgres.start();
			this.workspace.start(this.directory, this.clock, this);
		}
		catch (IOException | RuntimeException | Error ex) {
			// An Error too (a broken class path, say): stop what did start first
			close();
			if (ex instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Could not start the Lakebase emulator: " + ex.getMessage(), ex);
		}
		// A dev-time runner stopped with SIGTERM closes the emulator too (its PostgreSQL
		// and temporary directory); close() takes the hook away again.
		this.shutdownHook = new Thread(this::close, "lakebase-emulator-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		EmulatedEndpoint endpoint = this.directory.endpoints().get(0);
		logger.info("Lakebase emulator started in {} ms: workspace {}, endpoint {} at {}:{}",
				Duration.ofNanos(System.nanoTime() - started).toMillis(), this.workspace.url(), endpoint.path(),
				endpoint.host(), endpoint.port());
	}

	@Override
	public EmulatedEndpoint createBranch(String project, String branchId, EmulatedEndpoint source) throws IOException {
		EmulatedEndpoint endpoint = new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, project, branchId,
				LakebaseEmulator.PRIMARY_ENDPOINT, false);
		endpoint.setWakeMode(source.wakeMode());
		endpoint.setWakeDelay(source.wakeDelay());
		endpoint.setAutoSuspendAfter(source.autoSuspendAfter());
		this.postgres.addBranch(endpoint, source);
		this.directory.endpoints().add(endpoint);
		return endpoint;
	}

	@Override
	public void deleteBranch(List<EmulatedEndpoint> endpoints) {
		this.directory.endpoints().removeAll(endpoints);
		this.postgres.removeBranch(endpoints);
	}

	synchronized void close() {
		Thread hook = this.shutdownHook;
		this.shutdownHook = null;
		if (hook != null && Thread.currentThread() != hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook runs, and finds the emulator closed
			}
		}
		this.workspace.close();
		this.postgres.close();
	}

}
