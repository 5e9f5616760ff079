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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link HostTools}: an executable found on a {@code PATH} (not a directory, not a file
 * that cannot run), a command run to its end and its failure told with its step and
 * output, and a directory copied whole. The commands are this JVM's own {@code java}.
 */
class HostToolsTests {

	private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	@TempDir
	Path directory;

	@Test
	void anExecutableIsFoundInTheFirstDirectoryOfThePathThatHasIt() throws IOException {
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		Path notExecutable = Files.createDirectories(this.directory.resolve("plain"));
		Files.writeString(notExecutable.resolve("tool"), "data");
		Path asDirectory = Files.createDirectories(this.directory.resolve("dir/tool"));
		Path bin = Files.createDirectories(this.directory.resolve("bin"));
		Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
		assertThat(tool.toFile().setExecutable(true)).isTrue();
		String path = String.join(File.pathSeparator, "", empty.toString(), notExecutable.toString(),
				asDirectory.getParent().toString(), bin.toString());
		assertThat(HostTools.onPath("tool", path)).isEqualTo(tool);
		assertThat(HostTools.onPath("other", path)).isNull();
		assertThat(HostTools.onPath("tool", "")).isNull();
	}

	@Test
	void aCommandRunsToItsEndAndItsFailureNamesTheStepAndShowsItsOutput() throws IOException {
		HostTools.run(List.of(JAVA, "-version"), this.directory, "checking java");
		assertThatIOException()
			.isThrownBy(() -> HostTools.run(List.of(JAVA, "-cp", this.directory.toString(), "NoSuchMain"),
					this.directory, "starting the app"))
			.withMessageStartingWith("starting the app failed (" + JAVA)
			.withMessageContaining("NoSuchMain");
	}

	@Test
	void aDirectoryIsCopiedWhole() throws IOException {
		Path from = Files.createDirectories(this.directory.resolve("from/lib"));
		Files.writeString(from.resolve("a.jar"), "a");
		Files.writeString(from.getParent().resolve("app.yaml"), "command: [java]\n");
		Files.createDirectories(this.directory.resolve("from/empty"));
		Path to = this.directory.resolve("to");
		HostTools.copy(this.directory.resolve("from"), to);
		assertThat(to.resolve("lib/a.jar")).content().isEqualTo("a");
		assertThat(to.resolve("app.yaml")).content().isEqualTo("command: [java]\n");
		assertThat(to.resolve("empty")).isEmptyDirectory();
	}

}
