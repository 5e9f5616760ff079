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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorkspaceResources}: the projects and branches of the emulator's endpoints in
 * the shape of the Lakebase REST API, with its paging (a page size, a token for the next
 * page, a default size where the one asked for is no number), and 404 for what does not
 * exist. The endpoints' own views need their running fronts and are tested with the
 * emulator.
 */
class WorkspaceResourcesTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final EmulatorDirectory directory = new EmulatorDirectory(
			new DatabaseTokens(new MovingClock(START), Duration.ofHours(1)), (target) -> null);

	private final WorkspaceResources resources = new WorkspaceResources(this.directory);

	WorkspaceResourcesTests() {
		this.directory.started(START);
		for (String[] endpoint : new String[][] { { "p", "production" }, { "p", "feature" }, { "q", "production" } }) {
			this.directory.endpoints()
				.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.AUTOSCALING, endpoint[0], endpoint[1], "primary",
						false));
		}
		this.directory.endpoints()
			.add(new EmulatedEndpoint(EmulatedEndpoint.Kind.PROVISIONED, null, null, "orders", false));
	}

	@Test
	void projectsAreListedPageByPage() throws IOException {
		Answer first = answer("projects", Map.of("page_size", "1"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(names(first, "projects")).containsExactly("projects/p");
		assertThat(first.json()).containsEntry("next_page_token", "1");
		Answer second = answer("projects", Map.of("page_size", "1", "page_token", "1"));
		assertThat(names(second, "projects")).containsExactly("projects/q");
		assertThat(second.json()).doesNotContainKey("next_page_token");
		for (String size : new String[] { "0", "-3", "many" }) {
			Answer all = answer("projects", Map.of("page_size", size));
			assertThat(names(all, "projects")).as(size).containsExactly("projects/p", "projects/q");
		}
	}

	@Test
	void aProjectIsShownOrNotFound() throws IOException {
		Answer project = answer("projects/p", Map.of());
		assertThat(project.status()).isEqualTo(200);
		assertThat(project.json()).containsEntry("name", "projects/p").containsEntry("create_time", START.toString());
		assertThat(project.json().get("status")).isEqualTo(Map.of("display_name", "p", "pg_version", 17));
		Answer missing = answer("projects/orders", Map.of());
		assertThat(missing.status()).as("an instance is no project").isEqualTo(404);
		assertThat(missing.body()).isEqualTo("'projects/orders' does not exist.");
	}

	@Test
	void theBranchesOfAProjectAreListedAndTheDefaultOneIsMarked() throws IOException {
		Answer branches = answer("projects/p/branches", Map.of());
		assertThat(names(branches, "branches")).containsExactly("projects/p/branches/production",
				"projects/p/branches/feature");
		Map<String, Object> production = json(answer("projects/p/branches/production", Map.of()));
		assertThat(production).containsEntry("parent", "projects/p");
		assertThat(status(production)).containsEntry("default", true).containsEntry("current_state", "READY");
		assertThat(status(json(answer("projects/p/branches/feature", Map.of())))).containsEntry("default", false)
			.doesNotContainKey("source_branch");
		Answer otherProject = answer("projects/x/branches", Map.of());
		assertThat(otherProject.status()).isEqualTo(404);
		assertThat(otherProject.body()).isEqualTo("'projects/x' does not exist.");
		assertThat(answer("projects/p/branches/gone", Map.of()).status()).isEqualTo(404);
		assertThat(answer("projects/p/branches/gone/endpoints", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void aBranchCreatedThroughTheApiShowsItsSourceAndExpiry() throws IOException {
		Instant created = START.plusSeconds(60);
		this.directory.branchRecords()
			.put("projects/p/branches/feature", new BranchRecord("projects/p/branches/feature",
					"projects/p/branches/production", created, created.plus(Duration.ofHours(2))));
		Map<String, Object> feature = json(answer("projects/p/branches/feature", Map.of()));
		assertThat(feature).containsEntry("create_time", created.toString());
		assertThat(status(feature)).containsEntry("source_branch", "projects/p/branches/production")
			.containsEntry("expire_time", created.plus(Duration.ofHours(2)).toString());
	}

	private Answer answer(String name, Map<String, String> query) throws IOException {
		Answer[] answer = new Answer[1];
		this.resources.answer(name, query, (status, body) -> answer[0] = new Answer(status, body));
		return answer[0];
	}

	private static Map<String, Object> json(Answer answer) {
		assertThat(answer.status()).isEqualTo(200);
		return answer.json();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> status(Map<String, Object> resource) {
		return (Map<String, Object>) resource.get("status");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> names(Answer answer, String key) {
		return ((List<Map<String, Object>>) answer.json().get(key)).stream().map((item) -> item.get("name")).toList();
	}

	private record Answer(int status, Object body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return (Map<String, Object>) this.body;
		}

	}

}
