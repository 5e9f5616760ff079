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

package dev.lakebase.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README, "Getting started" and "Testing and branches" show what the consumer project
 * that {@code ./mvnw verify} builds and runs holds: its dependencies and its tests, so
 * that the snippets cannot drift from code that works; {@code docs/architecture.md} names
 * only types that exist.
 */
class ReadmeSnippetsTests {

	/** Types of Spring, HikariCP and Micrometer that the architecture page names. */
	private static final String[] NAMED_FROM_ELSEWHERE = { "AbstractRoutingDataSource", "BeanFactoryPostProcessor",
			"ConnectionDetails", "DataSource", "EnvironmentPostProcessors", "HikariDataSource", "JdbcConnectionDetails",
			"LazyConnectionDataSourceProxy", "MeterBinder", "PostgreSQL", "RetryTemplate" };

	private static final Path CONSUMER = Path.of("../consumer-tests/src/it/emulator-spring-boot-test");

	@ParameterizedTest
	@ValueSource(strings = { "LakebaseEmulatorConfiguration", "NotesApplicationTests", "TestNotesApplication",
			"BranchPerRunConfiguration" })
	void theSourcesShownAreTheConsumerProjectsSources(String name) throws IOException {
		String source = consumerSource(name);
		assertThat(section("docs/testing-and-branches.md", "Test with the emulator"))
			.contains("```java\n" + source + "```");
	}

	@Test
	void everySourceTheReadmeShowsIsOneOfTheConsumerProjects() throws IOException {
		Matcher shown = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("../README.md")));
		int blocks = 0;
		while (shown.find()) {
			blocks++;
			Matcher type = Pattern.compile("\\bclass (\\w+)").matcher(shown.group(1));
			assertThat(type.find()).as("a class in the README's block " + blocks).isTrue();
			assertThat(shown.group(1)).isEqualTo(consumerSource(type.group(1)));
		}
		assertThat(blocks).as("Java blocks in the README").isPositive();
	}

	@Test
	void theDependenciesShownAreTheConsumerProjectsDependencies() throws IOException {
		String pom = Files.readString(CONSUMER.resolve("pom.xml"));
		Matcher dependencies = Pattern.compile("<dependencies>(.*?)</dependencies>", Pattern.DOTALL).matcher(pom);
		assertThat(dependencies.find()).isTrue();
		String expected = dependencies.group(1).replace("@project.version@", projectVersion());
		Matcher shown = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL)
			.matcher(section("docs/getting-started.md", "Add it"));
		assertThat(shown.find()).as("an xml block in the section").isTrue();
		assertThat(withoutWhitespace(shown.group(1))).isEqualTo(withoutWhitespace(expected));
	}

	@Test
	void theArchitectureNamesTypesThatExist() throws IOException {
		Set<String> declared = new HashSet<>();
		Pattern declaration = Pattern.compile("\\b(?:class|interface|record|enum) ([A-Z]\\w*)");
		for (String module : List.of("lakebase-spring-boot-autoconfigure", "lakebase-spring-boot-test",
				"lakebase-databricks-apps-maven-plugin")) {
			try (Stream<Path> sources = Files.walk(Path.of("..", module, "src/main/java"))) {
				for (Path source : sources.filter((file) -> file.toString().endsWith(".java")).toList()) {
					Matcher found = declaration.matcher(Files.readString(source));
					while (found.find()) {
						declared.add(found.group(1));
					}
				}
			}
		}
		Set<String> named = new TreeSet<>();
		Matcher camelCase = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z]\\w*\\b")
			.matcher(Files.readString(Path.of("../docs/architecture.md")));
		while (camelCase.find()) {
			named.add(camelCase.group());
		}
		named.removeAll(declared);
		assertThat(named).as("names in docs/architecture.md that are no type of this project")
			.containsExactlyInAnyOrder(NAMED_FROM_ELSEWHERE);
	}

	private static String consumerSource(String name) throws IOException {
		return Files.readString(CONSUMER.resolve("src/test/java/com/example/notes/" + name + ".java"));
	}

	private static String section(String page, String heading) throws IOException {
		String text = Files.readString(Path.of("..", page));
		int start = text.indexOf("\n## " + heading + "\n");
		assertThat(start).as("the section " + heading + " of " + page).isNotNegative();
		int end = text.indexOf("\n## ", start + 1);
		return text.substring(start, (end > 0) ? end : text.length());
	}

	private static String projectVersion() throws IOException {
		Matcher version = Pattern
			.compile("<artifactId>lakebase-spring-boot-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Path.of("../pom.xml")));
		assertThat(version.find()).isTrue();
		return version.group(1);
	}

	private static String withoutWhitespace(String text) {
		return text.replaceAll("\\s+", "");
	}

}
