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

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * One message of a session, in the order it was appended.
 *
 * @author Lakebase Spring Boot contributors
 */
@Entity
@Table(name = "message")
public class Message extends SessionEntry {

	/**
	 * Who wrote a message.
	 */
	public enum Role {

		SYSTEM, USER, ASSISTANT, TOOL

	}

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private Role role;

	@Column(nullable = false, columnDefinition = "text")
	private String content;

	protected Message() {
	}

	public Message(ConversationSession session, Role role, String content) {
		super(session);
		this.role = role;
		this.content = content;
	}

	public Role getRole() {
		return this.role;
	}

	public String getContent() {
		return this.content;
	}

}
