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

package dev.lakebase.spring.test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * JSON views of the emulator's projects, branches, endpoints and instances, in the shape
 * of the Lakebase REST APIs, with their list paging.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceResources {

	/**
	 * Receives the answer to a resource request.
	 */
	interface Responder {

		void respond(int status, Object body) throws IOException;

	}

	private static final int DEFAULT_PAGE_SIZE = 50;

	private final EmulatorDirectory model;

	WorkspaceResources(EmulatorDirectory model) {
		this.model = model;
	}

	void answer(String name, Map<String, String> query, Responder responder) throws IOException {
		String[] parts = name.split("/");
		List<EmulatedEndpoint> endpoints = this.model.autoscalingEndpoints();
		Set<String> projects = new LinkedHashSet<>();
		Set<String> branches = new LinkedHashSet<>();
		for (EmulatedEndpoint endpoint : endpoints) {
			projects.add("projects/" + endpoint.project());
			branches.add("projects/" + endpoint.project() + "/branches/" + endpoint.branch());
		}
		switch (parts.length) {
			case 1 -> responder.respond(200, page("projects", new ArrayList<>(projects), query, this::projectJson));
			case 2 -> single(responder, name, projects.contains(name), () -> projectJson(name));
			case 3 -> respondList(responder, projects.contains(parent(name)), name, "branches",
					children(branches, name), query, this::branchJson);
			case 4 -> single(responder, name, branches.contains(name), () -> branchJson(name));
			case 5 -> respondList(responder, branches.contains(parent(name)), name, "endpoints",
					children(endpointNames(endpoints), name), query,
					(path) -> endpointJson(Objects.requireNonNull(this.model.endpoint(path))));
			default -> {
				EmulatedEndpoint endpoint = this.model.endpoint(name);
				single(responder, name, endpoint != null, () -> endpointJson(Objects.requireNonNull(endpoint)));
			}
		}
	}

	private static List<String> endpointNames(List<EmulatedEndpoint> endpoints) {
		return endpoints.stream().map(EmulatedEndpoint::path).toList();
	}

	private static List<String> children(Iterable<String> names, String collection) {
		List<String> children = new ArrayList<>();
		for (String name : names) {
			if (name.startsWith(collection + "/")) {
				children.add(name);
			}
		}
		return children;
	}

	private static String parent(String collection) {
		return collection.substring(0, collection.lastIndexOf('/'));
	}

	private void respondList(Responder responder, boolean parentExists, String name, String key, List<String> names,
			Map<String, String> query, Function<String, Object> view) throws IOException {
		if (!parentExists) {
			responder.respond(404, "'" + parent(name) + "' does not exist.");
			return;
		}
		responder.respond(200, page(key, names, query, view));
	}

	private static void single(Responder responder, String name, boolean exists,
			java.util.function.Supplier<Object> view) throws IOException {
		if (exists) {
			responder.respond(200, view.get());
		}
		else {
			responder.respond(404, "'" + name + "' does not exist.");
		}
	}

	private static Map<String, Object> page(String key, List<String> names, Map<String, String> query,
			Function<String, Object> view) {
		int size = parseOr(query.get("page_size"), DEFAULT_PAGE_SIZE);
		size = (size <= 0) ? DEFAULT_PAGE_SIZE : size;
		int offset = Math.max(0, parseOr(query.get("page_token"), 0));
		List<Object> items = new ArrayList<>();
		for (int i = offset; i < Math.min(names.size(), offset + size); i++) {
			items.add(view.apply(names.get(i)));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put(key, items);
		if (offset + size < names.size()) {
			body.put("next_page_token", Integer.toString(offset + size));
		}
		return body;
	}

	private static int parseOr(@Nullable String text, int fallback) {
		try {
			return (text != null) ? Integer.parseInt(text) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private Object projectJson(String name) {
		String id = name.substring(name.lastIndexOf('/') + 1);
		Map<String, Object> project = new LinkedHashMap<>();
		project.put("name", name);
		project.put("uid", "prj-" + Integer.toHexString(name.hashCode()));
		project.put("create_time", this.model.startTime().toString());
		project.put("status", Map.of("display_name", id, "pg_version", 17));
		return project;
	}

	Object branchJson(String name) {
		String id = name.substring(name.lastIndexOf('/') + 1);
		BranchRecord record = this.model.branchRecords().get(name);
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("current_state", "READY");
		status.put("default", LakebaseEmulator.DEFAULT_BRANCH.equals(id));
		Map<String, Object> branch = new LinkedHashMap<>();
		branch.put("name", name);
		branch.put("uid", "br-" + Integer.toHexString(name.hashCode()));
		branch.put("parent", name.substring(0, name.indexOf("/branches/")));
		branch.put("create_time", ((record != null) ? record.createTime() : this.model.startTime()).toString());
		if (record != null) {
			status.put("source_branch", record.sourceBranch());
			if (record.expireTime() != null) {
				status.put("expire_time", String.valueOf(record.expireTime()));
			}
		}
		branch.put("status", status);
		return branch;
	}

	private Object endpointJson(EmulatedEndpoint endpoint) {
		String type = endpoint.isReadOnly() ? "ENDPOINT_TYPE_READ_ONLY" : "ENDPOINT_TYPE_READ_WRITE";
		String suspendTimeout = endpoint.suspendTimeout().toSeconds() + "s";
		Map<String, Object> hosts = new LinkedHashMap<>();
		hosts.put("host", endpoint.host());
		hosts.put(endpoint.isReadOnly() ? "read_only_pooled_host" : "read_write_pooled_host", endpoint.pooledHost());
		if (endpoint.readOnlyHost() != null) {
			// The readable secondaries of its high-availability group
			hosts.put("read_only_host", endpoint.readOnlyHost());
			hosts.put("read_only_pooled_host", endpoint.readOnlyPooledHost());
		}
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("endpoint_type", type);
		if (endpoint.isNoSuspension()) {
			spec.put("no_suspension", true);
		}
		else {
			spec.put("suspend_timeout_duration", suspendTimeout);
		}
		spec.put("autoscaling_limit_min_cu", Math.min(0.5, this.model.maxComputeUnits()));
		spec.put("autoscaling_limit_max_cu", this.model.maxComputeUnits());
		Map<String, Object> status = new LinkedHashMap<>(spec);
		status.remove("no_suspension");
		status.put("current_state", endpoint.state().name());
		status.put("hosts", hosts);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", endpoint.path());
		json.put("uid", "ep-" + Integer.toHexString(endpoint.path().hashCode()));
		json.put("parent", parent(parent(endpoint.path())));
		json.put("create_time", this.model.startTime().toString());
		json.put("spec", spec);
		json.put("status", status);
		return json;
	}

	static Map<String, Object> instanceJson(EmulatedEndpoint instance) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", instance.path());
		json.put("uid", "inst-" + Integer.toHexString(instance.path().hashCode()));
		json.put("state", (instance.state() == EndpointState.ACTIVE) ? "AVAILABLE" : "STARTING");
		json.put("pg_version", "17");
		json.put("capacity", "CU_1");
		json.put("read_write_dns", instance.host());
		return json;
	}

}
