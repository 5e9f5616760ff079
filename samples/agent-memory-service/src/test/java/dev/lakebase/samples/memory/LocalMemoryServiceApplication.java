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

package dev.lakebase.samples.memory;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the memory service on your machine with no Databricks account and no Docker: a
 * local Lakebase emulator (real PostgreSQL, a fake workspace that mints one-hour OAuth
 * credentials, an endpoint that suspends after a minute without activity and refuses
 * connects for half a second while it wakes), and the application connected to it through
 * the full credential flow. Start it with
 * {@code ./mvnw -pl samples/agent-memory-service -am -DskipTests package spring-boot:test-run}.
 *
 * @author Lakebase Spring Boot contributors
 */
public final class LocalMemoryServiceApplication {

	private LocalMemoryServiceApplication() {
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.from(MemoryServiceApplication::main)
			.with(LocalLakebase.class)
			.run(args)
			.getApplicationContext();
		LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
		String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
		System.out.println(
				"""

						Agent memory service is running at %1$s on a local Lakebase emulator
						(endpoint %2$s, suspends after 1 minute idle).
						Try:
						  curl -s -X POST %1$s/sessions -H 'Content-Type: application/json' -d '{"agent":"helper","title":"first chat"}'
						  curl -s -X POST %1$s/sessions/<id>/messages -H 'Content-Type: application/json' -d '{"role":"USER","content":"hello"}'
						  curl -s %1$s/sessions/<id>/messages
						  curl -s %1$s/actuator/health
						Stop with Ctrl+C.
						"""
					.formatted(url, emulator.endpoint().path()));
	}

	/**
	 * The emulator the service runs on.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(appName = "agent-memory-service", autoSuspendAfter = "1m", wakeMode = WakeMode.REFUSE,
			wakeDelay = "500ms")
	static class LocalLakebase {

	}

}
