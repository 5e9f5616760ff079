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

package dev.lakebase.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API of the published modules, the starter's and the emulator's (and the Maven
 * plugin's types, which Maven needs public): every public type is documented API with
 * {@code @since}, no package calls itself "not an API", and no public method of the
 * starter or the emulator shows a package-private type.
 */
class PublishedApiTests {

	private static final Path AUTOCONFIGURE = Path.of("..", "lakebase-spring-boot-autoconfigure");

	private static final Path EMULATOR = Path.of("..", "lakebase-spring-boot-test");

	private static final Path PLUGIN = Path.of("..", "lakebase-databricks-apps-maven-plugin");

	/** The main classes of both modules, whose API users see. */
	private static final JavaClasses PUBLISHED = new ClassFileImporter()
		.importPaths(AUTOCONFIGURE.resolve("target/classes"), EMULATOR.resolve("target/classes"));

	@Test
	void everyPublicTypeOfThePublishedModulesIsDocumentedApi() throws IOException {
		Pattern publicType = Pattern.compile(
				"^public (?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) ", Pattern.MULTILINE);
		List<String> undocumented = new ArrayList<>();
		for (Path sources : List.of(AUTOCONFIGURE.resolve("src/main/java"), EMULATOR.resolve("src/main/java"),
				PLUGIN.resolve("src/main/java"))) {
			try (Stream<Path> files = Files.walk(sources)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					String source = Files.readString(file);
					Matcher type = publicType.matcher(source);
					if (file.endsWith("package-info.java")) {
						assertThat(source).as(file.toString()).doesNotContainIgnoringCase("not an API");
					}
					else if (type.find() && !source.substring(0, type.start()).contains("@since")) {
						undocumented.add(file.getFileName().toString());
					}
				}
			}
		}
		assertThat(undocumented).as("public types without @since").isEmpty();
	}

	@Test
	void theApiShowsNoPackagePrivateType() {
		methods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.should(new ArchCondition<JavaMethod>("take and return only public types of the starter") {

				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					if (!isPublic(method.getOwner())) {
						return;
					}
					List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
					types.add(method.getRawReturnType());
					for (JavaClass type : types) {
						if (type.getPackageName().startsWith("dev.lakebase") && !isPublic(type)) {
							events.add(SimpleConditionEvent.violated(method,
									method.getFullName() + " shows " + type.getName()));
						}
					}
				}

			})
			.check(PUBLISHED);
	}

	/**
	 * Whether a type is public and so is every class it is nested in.
	 */
	private static boolean isPublic(JavaClass type) {
		for (JavaClass enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass().orElse(null)) {
			if (!enclosing.getModifiers().contains(JavaModifier.PUBLIC)) {
				return false;
			}
		}
		return true;
	}

}
