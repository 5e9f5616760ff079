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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.test.context.aot.TestContextAotGenerator;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Spring processes test contexts ahead of time (a build step: Spring Boot's
 * {@code process-test-aot}), {@link ImportLakebaseEmulator} starts no emulator and
 * {@link ImportLakebaseBranch} creates no branch; on the JVM the same classes run as
 * ever.
 */
class AheadOfTimeProcessingTests {

	@Test
	void processingTestContextsAheadOfTimeStartsNothing() throws Exception {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		List<Path> before = emulatorDirectories(tmp);
		String previous = System.getProperty(AbstractAotProcessor.AOT_PROCESSING);
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			new TestContextAotGenerator(new InMemoryGeneratedFiles())
				.processAheadOfTime(Stream.of(EmulatorTestCase.class, BranchTestCase.class));
		}
		finally {
			if (previous != null) {
				System.setProperty(AbstractAotProcessor.AOT_PROCESSING, previous);
			}
			else {
				System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
			}
		}
		assertThat(emulatorDirectories(tmp)).as("emulators started").containsExactlyInAnyOrderElementsOf(before);
	}

	/**
	 * The emulator directories of this JVM: another fork of the build starts and stops
	 * emulators of its own meanwhile.
	 */
	private static List<Path> emulatorDirectories(Path tmp) throws Exception {
		String pid = "pid=" + ProcessHandle.current().pid();
		try (Stream<Path> entries = Files.list(tmp)) {
			return entries.filter((entry) -> entry.getFileName().toString().startsWith("lbemu"))
				.filter((entry) -> ownedBy(entry, pid))
				.toList();
		}
	}

	private static boolean ownedBy(Path directory, String pid) {
		try {
			return Files.readAllLines(directory.resolve("owner.properties")).contains(pid);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@SpringJUnitConfig(EmulatorConfig.class)
	static class EmulatorTestCase {

	}

	@SpringJUnitConfig(BranchConfig.class)
	static class BranchTestCase {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(tokenLifetime = "7m")
	static class EmulatorConfig {

	}

	/**
	 * No project is configured: creating the branch would fail the processing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseBranch
	static class BranchConfig {

	}

}
