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

package dev.lakebase.spring.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Gives the application context whose configuration carries this annotation a Lakebase
 * branch of its own, created for the run from a parent branch through the Databricks SDK,
 * and points the Lakebase DataSource at it with the same identity
 * ({@code lakebase.branch}). The branch has a TTL, so that a run that crashes leaves
 * nothing behind for long, and is deleted when the context closes (test contexts close
 * when the test JVM ends), unless a test failed and {@link #keepOnFailure()} is set: then
 * its name is logged and it expires with its TTL.
 * <p>
 * The workspace and the project come from where the Lakebase DataSource gets them: the
 * {@code lakebase.databricks.*} properties or the SDK's own variables
 * ({@code DATABRICKS_HOST} with {@code DATABRICKS_CLIENT_ID} and
 * {@code DATABRICKS_CLIENT_SECRET} in CI), and {@code lakebase.project} or the project of
 * {@code lakebase.endpoint} / {@code LAKEBASE_ENDPOINT}. With
 * {@link ImportLakebaseEmulator @ImportLakebaseEmulator} declared first on the same
 * class, the branch is created in the emulator.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(LakebaseBranchRegistrar.class)
public @interface ImportLakebaseBranch {

	/**
	 * Id of the branch to copy.
	 * @return the parent branch id
	 */
	String parent() default "production";

	/**
	 * How long the branch lives at most, in Spring Boot's duration format.
	 * @return the TTL
	 */
	String ttl() default "4h";

	/**
	 * Start of the branch's name, followed by the GitHub Actions run (or the time) and a
	 * random suffix.
	 * @return the prefix
	 */
	String prefix() default "test";

	/**
	 * Whether a run in which a test failed keeps its branch, to look at its data.
	 * @return whether to keep the branch of a failed run
	 */
	boolean keepOnFailure() default false;

}
