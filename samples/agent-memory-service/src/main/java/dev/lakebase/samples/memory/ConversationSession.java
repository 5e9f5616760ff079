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

package dev.lakebase.samples.memory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One conversation of an agent.
 *
 * @author Lakebase Spring Boot contributors
 */
@Entity
@Table(name = "session")
public class ConversationSession {

	@Id
	private UUID id;

	@Column(nullable = false, length = 100)
	private String agent;

	@Column(length = 200)
	private String title;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected ConversationSession() {
	}

	public ConversationSession(String agent, String title) {
		this.id = UUID.randomUUID();
		this.agent = agent;
		this.title = title;
		this.createdAt = Instant.now();
	}

	public UUID getId() {
		return this.id;
	}

	public String getAgent() {
		return this.agent;
	}

	public String getTitle() {
		return this.title;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
