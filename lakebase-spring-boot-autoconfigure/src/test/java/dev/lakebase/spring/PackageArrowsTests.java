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

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the starter's main code depend on each other one way: no cycle, and the
 * runtime packages ({@code jdbc}, {@code health}, {@code metrics}) know nothing of the
 * auto-configuration. (The published API is checked by the integration tests' module,
 * which sees this module and the emulator's.)
 */
class PackageArrowsTests {

	/** This module's main classes. */
	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void noPackageCycle() {
		assertThat(MAIN.contain(LakebaseConfigurationException.class)).isTrue();
		slices().matching("dev.lakebase.(**)").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void runtimePackagesDoNotReachUpIntoTheAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage("dev.lakebase.spring.jdbc..", "dev.lakebase.spring.health..",
					"dev.lakebase.spring.metrics..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.lakebase.spring.autoconfigure..")
			.check(MAIN);
	}

}
