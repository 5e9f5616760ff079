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

package dev.lakebase.spring.test.junit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.test.context.EphemeralBranch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit Jupiter extension that gives a test class a Lakebase branch of its own, created
 * before its tests from a parent branch (default {@code production}) with a TTL (default
 * four hours), and deleted after them, or kept with its name logged when a test failed
 * and {@link #keepOnFailure()} is set. Without Spring; a Spring test imports a
 * configuration with {@code @ImportLakebaseBranch} instead.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final LakebaseBranchExtension branch = new LakebaseBranchExtension(WorkspaceClient::new, "my-project");
 * // branch.branch().id() is the branch to connect to
 * </pre>
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseBranchExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final Supplier<WorkspaceClient> workspace;

	private final String project;

	private String parent = "production";

	private Duration ttl = Duration.ofHours(4);

	private String prefix = "test";

	private boolean keepOnFailure;

	private @Nullable EphemeralBranch branch;

	/** The class whose callbacks created the branch: its nested classes share it. */
	private @Nullable String owner;

	/**
	 * Create an extension for a branch in a project.
	 * @param workspace the workspace client to create the branch with, when it is needed
	 * @param project the project id
	 */
	public LakebaseBranchExtension(Supplier<WorkspaceClient> workspace, String project) {
		this.workspace = Objects.requireNonNull(workspace);
		this.project = Objects.requireNonNull(project);
	}

	/**
	 * Copy another branch than {@code production}.
	 * @param parent the parent branch id
	 * @return this extension
	 */
	public LakebaseBranchExtension parent(String parent) {
		this.parent = Objects.requireNonNull(parent);
		return this;
	}

	/**
	 * Let the branch live at most this long.
	 * @param ttl the TTL
	 * @return this extension
	 */
	public LakebaseBranchExtension ttl(Duration ttl) {
		this.ttl = Objects.requireNonNull(ttl);
		return this;
	}

	/**
	 * Start the branch's name with this prefix (default {@code test}).
	 * @param prefix the prefix
	 * @return this extension
	 */
	public LakebaseBranchExtension prefix(String prefix) {
		this.prefix = Objects.requireNonNull(prefix);
		return this;
	}

	/**
	 * Keep the branch when a test failed, to look at its data.
	 * @return this extension
	 */
	public LakebaseBranchExtension keepOnFailure() {
		this.keepOnFailure = true;
		return this;
	}

	/**
	 * Return the test class's branch, creating it if a test asks before the class
	 * callback ran.
	 * @return the branch
	 */
	public synchronized EphemeralBranch branch() {
		if (this.branch == null) {
			this.branch = EphemeralBranch.create(this.workspace.get(), this.project, this.parent,
					EphemeralBranch.nameForRun(this.prefix), this.ttl, this.keepOnFailure);
		}
		return this.branch;
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		if (this.owner == null) {
			this.owner = context.getUniqueId();
		}
		branch();
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.branch != null && context.getExecutionException().isPresent()) {
			this.branch.markFailed();
		}
	}

	/**
	 * Delete the branch after the class that created it, not after each of its
	 * {@code @Nested} classes.
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.owner != null && !this.owner.equals(context.getUniqueId())) {
			return;
		}
		this.owner = null;
		if (this.branch != null) {
			this.branch.close();
			this.branch = null;
		}
	}

}
