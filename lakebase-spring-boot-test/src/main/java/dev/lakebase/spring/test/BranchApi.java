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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The branch API of the fake workspace: create a branch from a source branch (a
 * long-running operation; the new branch's database starts as a copy of the source's),
 * delete one, poll an operation; a branch with a TTL or an expiry time is deleted when it
 * expires; a project holds at most {@value #BRANCH_LIMIT} branches.
 *
 * @author Lakebase Spring Boot contributors
 */
final class BranchApi {

	static final int BRANCH_LIMIT = 10;

	private static final Pattern BRANCHES = Pattern.compile("/api/2\\.0/postgres/projects/([^/]+)/branches");

	private static final Pattern BRANCH = Pattern.compile("/api/2\\.0/postgres/(projects/([^/]+)/branches/([^/]+))");

	private static final Pattern OPERATION = Pattern
		.compile("/api/2\\.0/postgres/(projects/[^/]+/branches/[^/]+/operations/[^/]+)");

	private static final Pattern BRANCH_ID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

	private final EmulatorDirectory directory;

	private final BranchHost host;

	private final Clock clock;

	private final ScheduledExecutorService worker;

	private final Map<String, CompletableFuture<Object>> operations = new ConcurrentHashMap<>();

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	BranchApi(EmulatorDirectory directory, BranchHost host, Clock clock) {
		this.directory = directory;
		this.host = host;
		this.clock = clock;
		this.worker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "lakebase-workspace-branches");
			thread.setDaemon(true);
			return thread;
		});
		this.worker.scheduleWithFixedDelay(this::deleteExpired, 250, 250, TimeUnit.MILLISECONDS);
	}

	boolean handles(String method, String path) {
		return (method.equals("POST") && BRANCHES.matcher(path).matches())
				|| (method.equals("DELETE") && BRANCH.matcher(path).matches())
				|| (method.equals("GET") && OPERATION.matcher(path).matches());
	}

	void answer(HttpExchange exchange, String method, String path) throws IOException {
		Matcher operation = OPERATION.matcher(path);
		if (operation.matches()) {
			CompletableFuture<Object> result = this.operations.get(operation.group(1));
			if (result == null) {
				HttpExchanges.error(exchange, 404, "NOT_FOUND",
						"Operation '" + operation.group(1) + "' does not exist.");
			}
			else {
				HttpExchanges.send(exchange, 200, operationJson(operation.group(1), result));
			}
			return;
		}
		Matcher branch = BRANCH.matcher(path);
		if (method.equals("DELETE") && branch.matches()) {
			delete(exchange, branch.group(1), branch.group(3));
			return;
		}
		Matcher branches = BRANCHES.matcher(path);
		if (branches.matches()) {
			create(exchange, branches.group(1));
		}
	}

	private void create(HttpExchange exchange, String project) throws IOException {
		String projectName = "projects/" + project;
		String id = HttpExchanges.query(exchange).getOrDefault("branch_id", "");
		String name = projectName + "/branches/" + id;
		JsonNode spec = HttpExchanges.json().readTree(HttpExchanges.readBody(exchange)).path("spec");
		String source = spec.path("source_branch").asText(projectName + "/branches/" + LakebaseEmulator.DEFAULT_BRANCH);
		EmulatedEndpoint sourceEndpoint = this.directory
			.endpoint(source + "/endpoints/" + LakebaseEmulator.PRIMARY_ENDPOINT);
		Set<String> existing = branchNames(projectName);
		if (existing.isEmpty()) {
			HttpExchanges.error(exchange, 404, "NOT_FOUND", "Project '" + projectName + "' does not exist.");
			return;
		}
		if (!BRANCH_ID.matcher(id).matches()) {
			HttpExchanges.error(exchange, 400, "INVALID_PARAMETER_VALUE", "branch_id '" + id
					+ "' is not a valid id (1-63 lowercase letters, digits and hyphens, starting with a letter).");
			return;
		}
		if (existing.contains(name) || !this.pending.add(name)) {
			HttpExchanges.error(exchange, 409, "ALREADY_EXISTS", "Branch '" + name + "' already exists.");
			return;
		}
		if (sourceEndpoint == null) {
			this.pending.remove(name);
			HttpExchanges.error(exchange, 404, "NOT_FOUND", "Source branch '" + source + "' does not exist.");
			return;
		}
		if (existing.size() + pendingIn(projectName) - 1 >= BRANCH_LIMIT) {
			this.pending.remove(name);
			existing.remove(projectName + "/branches/" + LakebaseEmulator.DEFAULT_BRANCH);
			HttpExchanges.error(exchange, 400, "FAILED_PRECONDITION",
					"Project '" + projectName + "' has reached its limit of " + BRANCH_LIMIT
							+ " branches. Delete one of " + existing + " first.");
			return;
		}
		Instant now = this.clock.instant();
		BranchRecord record = new BranchRecord(name, source, now, expireTime(spec, now));
		String operationName = name + "/operations/" + UUID.randomUUID();
		this.operations.put(operationName, CompletableFuture.supplyAsync(() -> {
			try {
				this.host.createBranch(project, id, sourceEndpoint);
				this.directory.branchRecords().put(name, record);
				return new WorkspaceResources(this.directory).branchJson(name);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not open the branch's endpoint: " + ex.getMessage(), ex);
			}
			finally {
				this.pending.remove(name);
			}
		}, this.worker));
		HttpExchanges.send(exchange, 200, Map.of("name", operationName, "done", false));
	}

	private void delete(HttpExchange exchange, String name, String id) throws IOException {
		if (!branchNames(name.substring(0, name.indexOf("/branches/"))).contains(name)) {
			HttpExchanges.error(exchange, 404, "NOT_FOUND", "Branch '" + name + "' does not exist.");
			return;
		}
		if (LakebaseEmulator.DEFAULT_BRANCH.equals(id)) {
			HttpExchanges.error(exchange, 400, "INVALID_PARAMETER_VALUE", "The default branch cannot be deleted.");
			return;
		}
		String operationName = name + "/operations/" + UUID.randomUUID();
		this.operations.put(operationName, CompletableFuture.supplyAsync(() -> {
			deleteNow(name);
			return Map.of();
		}, this.worker));
		HttpExchanges.send(exchange, 200, Map.of("name", operationName, "done", false));
	}

	private void deleteNow(String name) {
		List<EmulatedEndpoint> endpoints = this.directory.autoscalingEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.path().startsWith(name + "/endpoints/"))
			.toList();
		this.host.deleteBranch(endpoints);
		this.directory.branchRecords().remove(name);
	}

	private void deleteExpired() {
		Instant now = this.clock.instant();
		for (BranchRecord record : List.copyOf(this.directory.branchRecords().values())) {
			Instant expireTime = record.expireTime();
			if (expireTime != null && !now.isBefore(expireTime)) {
				deleteNow(record.name());
			}
		}
	}

	private Set<String> branchNames(String projectName) {
		Set<String> names = new TreeSet<>();
		for (EmulatedEndpoint endpoint : this.directory.autoscalingEndpoints()) {
			if (("projects/" + endpoint.project()).equals(projectName)) {
				names.add(projectName + "/branches/" + endpoint.branch());
			}
		}
		return names;
	}

	private int pendingIn(String projectName) {
		return (int) this.pending.stream().filter((name) -> name.startsWith(projectName + "/")).count();
	}

	private static @Nullable Instant expireTime(JsonNode spec, Instant now) {
		if (spec.hasNonNull("ttl")) {
			Duration ttl = CredentialApi.parseDuration(spec.get("ttl").asText());
			return (ttl != null) ? now.plus(ttl) : null;
		}
		return spec.hasNonNull("expire_time") ? Instant.parse(spec.get("expire_time").asText()) : null;
	}

	private static Map<String, Object> operationJson(String name, CompletableFuture<Object> result) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", name);
		json.put("done", result.isDone());
		if (result.isCompletedExceptionally()) {
			Throwable failure = result.handle((value, ex) -> (ex.getCause() != null) ? ex.getCause() : ex).join();
			json.put("error", Map.of("error_code", "INTERNAL_ERROR", "message", String.valueOf(failure.getMessage())));
		}
		else if (result.isDone()) {
			json.put("response", result.join());
		}
		return json;
	}

	void close() {
		this.worker.shutdownNow();
	}

}
