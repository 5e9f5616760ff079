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

import java.util.ArrayList;
import java.util.List;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * An Autoscaling endpoint named by parts: {@code lakebase.project},
 * {@code lakebase.branch} and {@code lakebase.endpoint-id}. Missing parts come from the
 * endpoint the platform injected (the project), the default branch, and the branch's
 * single read-write endpoint.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EndpointParts {

	static final String DEFAULT_BRANCH = "production";

	private final @Nullable String project;

	private final @Nullable String branch;

	private final @Nullable String endpointId;

	private EndpointParts(@Nullable String project, @Nullable String branch, @Nullable String endpointId) {
		this.project = project;
		this.branch = branch;
		this.endpointId = endpointId;
	}

	static EndpointParts of(ConnectionResolver.Settings settings) {
		return new EndpointParts(id(settings.project(), "lakebase.project", "a project id"),
				id(settings.branch(), "lakebase.branch", "a branch id"),
				id(settings.endpointId(), "lakebase.endpoint-id", "an endpoint id"));
	}

	private static @Nullable String id(@Nullable String value, String property, String what) {
		return ConnectionValidation.resourceId(ConnectionValue.ofProperty(value, property), what);
	}

	boolean hasProject() {
		return this.project != null;
	}

	boolean isPresent() {
		return this.project != null || this.branch != null || this.endpointId != null;
	}

	/**
	 * Return the properties that are set, for messages.
	 * @return the property names
	 */
	String source() {
		List<String> names = new ArrayList<>();
		if (this.project != null) {
			names.add("lakebase.project=" + this.project);
		}
		if (this.branch != null) {
			names.add("lakebase.branch=" + this.branch);
		}
		if (this.endpointId != null) {
			names.add("lakebase.endpoint-id=" + this.endpointId);
		}
		return String.join(", ", names);
	}

	/**
	 * Fail unless every part that is set names the same as the full path.
	 * @param path the endpoint path from {@code lakebase.endpoint}
	 */
	void requireConsistentWith(String path) {
		String[] segments = path.split("/");
		check("lakebase.project", this.project, segments[1], path);
		check("lakebase.branch", this.branch, segments[3], path);
		check("lakebase.endpoint-id", this.endpointId, segments[5], path);
	}

	private static void check(String property, @Nullable String value, String inPath, String path) {
		if (value != null && !value.equals(inPath)) {
			throw new LakebaseConfigurationException(
					"lakebase.endpoint is '" + path + "' but " + property + " is '" + value + "'.",
					"Name the endpoint one way: either the full path in lakebase.endpoint, or its parts in "
							+ "lakebase.project, lakebase.branch and lakebase.endpoint-id (LAKEBASE_PROJECT, "
							+ "LAKEBASE_BRANCH, LAKEBASE_ENDPOINT_ID), not values that contradict each other.");
		}
	}

	/**
	 * Return the endpoint path the parts name.
	 * @param injected the endpoint the platform injected or the host belongs to, whose
	 * project is the default; may be {@code null}
	 * @param discovery to find the branch's read-write endpoint
	 * @return the endpoint path
	 */
	String endpointPath(@Nullable String injected, EndpointDiscovery discovery) {
		String project = (this.project != null) ? this.project : (injected != null) ? injected.split("/")[1] : null;
		if (project == null) {
			throw new LakebaseConfigurationException(
					"Lakebase is targeted by parts (" + source() + ") but no project is known.",
					"Set lakebase.project (or LAKEBASE_PROJECT) to the project id, or LAKEBASE_ENDPOINT to an endpoint "
							+ "of the project.");
		}
		String branch = (this.branch != null) ? this.branch : DEFAULT_BRANCH;
		String branchPath = "projects/" + project + "/branches/" + branch;
		if (this.endpointId != null) {
			return branchPath + "/endpoints/" + this.endpointId;
		}
		return discovery.readWriteEndpoint(branchPath, source());
	}

}
