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

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The memory of an agent. Reads are read-only transactions: with
 * {@code lakebase.read-only.endpoint} set, they run on the read-only endpoint.
 *
 * @author Lakebase Spring Boot contributors
 */
@Service
public class MemoryService {

	private final SessionRepository sessions;

	private final MessageRepository messages;

	private final ToolResultRepository toolResults;

	MemoryService(SessionRepository sessions, MessageRepository messages, ToolResultRepository toolResults) {
		this.sessions = sessions;
		this.messages = messages;
		this.toolResults = toolResults;
	}

	@Transactional
	public ConversationSession startSession(String agent, String title) {
		return this.sessions.save(new ConversationSession(agent, title));
	}

	@Transactional(readOnly = true)
	public ConversationSession session(UUID id) {
		return this.sessions.findById(id).orElseThrow(() -> new SessionNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public long messageCount(UUID id) {
		return this.messages.countBySessionId(id);
	}

	@Transactional
	public Message append(UUID sessionId, Message.Role role, String content) {
		return this.messages.save(new Message(session(sessionId), role, content));
	}

	@Transactional(readOnly = true)
	public List<Message> messages(UUID sessionId) {
		session(sessionId);
		return this.messages.findBySessionIdOrderByIdAsc(sessionId);
	}

	@Transactional
	public ToolResult recordToolResult(UUID sessionId, String toolName, String callId, String output,
			boolean succeeded) {
		return this.toolResults.save(new ToolResult(session(sessionId), toolName, callId, output, succeeded));
	}

	@Transactional(readOnly = true)
	public List<ToolResult> toolResults(UUID sessionId) {
		session(sessionId);
		return this.toolResults.findBySessionIdOrderByIdAsc(sessionId);
	}

	@Transactional
	public void forget(UUID sessionId) {
		ConversationSession session = session(sessionId);
		this.toolResults.deleteBySessionId(sessionId);
		this.messages.deleteBySessionId(sessionId);
		this.sessions.delete(session);
	}

	/**
	 * No session has the id.
	 */
	public static class SessionNotFoundException extends RuntimeException {

		SessionNotFoundException(UUID id) {
			super("No session " + id);
		}

	}

}
