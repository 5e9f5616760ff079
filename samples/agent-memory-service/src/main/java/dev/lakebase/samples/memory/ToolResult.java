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
import jakarta.persistence.Table;

/**
 * The output of a tool the agent called during a session.
 *
 * @author Lakebase Spring Boot contributors
 */
@Entity
@Table(name = "tool_result")
public class ToolResult extends SessionEntry {

	@Column(name = "tool_name", nullable = false, length = 100)
	private String toolName;

	@Column(name = "call_id", nullable = false, length = 100)
	private String callId;

	@Column(nullable = false, columnDefinition = "text")
	private String output;

	@Column(nullable = false)
	private boolean succeeded;

	protected ToolResult() {
	}

	public ToolResult(ConversationSession session, String toolName, String callId, String output, boolean succeeded) {
		super(session);
		this.toolName = toolName;
		this.callId = callId;
		this.output = output;
		this.succeeded = succeeded;
	}

	public String getToolName() {
		return this.toolName;
	}

	public String getCallId() {
		return this.callId;
	}

	public String getOutput() {
		return this.output;
	}

	public boolean isSucceeded() {
		return this.succeeded;
	}

}
