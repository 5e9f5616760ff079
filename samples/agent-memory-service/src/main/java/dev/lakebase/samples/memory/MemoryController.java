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

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API: {@code /sessions}, their {@code messages} and {@code tool-results}.
 *
 * @author Lakebase Spring Boot contributors
 */
@RestController
@RequestMapping("/sessions")
public class MemoryController {

	private final MemoryService memory;

	MemoryController(MemoryService memory) {
		this.memory = memory;
	}

	@PostMapping
	ResponseEntity<SessionView> start(@Valid @RequestBody NewSession request) {
		ConversationSession session = this.memory.startSession(request.agent(), request.title());
		return ResponseEntity.created(URI.create("/sessions/" + session.getId())).body(SessionView.of(session, 0));
	}

	@GetMapping("/{id}")
	SessionView session(@PathVariable UUID id) {
		return SessionView.of(this.memory.session(id), this.memory.messageCount(id));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void forget(@PathVariable UUID id) {
		this.memory.forget(id);
	}

	@PostMapping("/{id}/messages")
	@ResponseStatus(HttpStatus.CREATED)
	MessageView append(@PathVariable UUID id, @Valid @RequestBody NewMessage request) {
		return MessageView.of(this.memory.append(id, request.role(), request.content()));
	}

	@GetMapping("/{id}/messages")
	List<MessageView> messages(@PathVariable UUID id) {
		return this.memory.messages(id).stream().map(MessageView::of).toList();
	}

	@PostMapping("/{id}/tool-results")
	@ResponseStatus(HttpStatus.CREATED)
	ToolResultView record(@PathVariable UUID id, @Valid @RequestBody NewToolResult request) {
		return ToolResultView.of(this.memory.recordToolResult(id, request.toolName(), request.callId(),
				request.output(), request.succeeded()));
	}

	@GetMapping("/{id}/tool-results")
	List<ToolResultView> toolResults(@PathVariable UUID id) {
		return this.memory.toolResults(id).stream().map(ToolResultView::of).toList();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(MemoryService.SessionNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.putIfAbsent(error.getField(), error.getDefaultMessage()));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	record NewSession(@NotBlank @Size(max = 100) String agent, @Size(max = 200) String title) {
	}

	record NewMessage(@NotNull Message.Role role, @NotBlank @Size(max = 100_000) String content) {
	}

	record NewToolResult(@NotBlank @Size(max = 100) String toolName, @NotBlank @Size(max = 100) String callId,
			@NotNull @Size(max = 1_000_000) String output, boolean succeeded) {
	}

	record SessionView(UUID id, String agent, String title, Instant createdAt, long messages) {

		static SessionView of(ConversationSession session, long messages) {
			return new SessionView(session.getId(), session.getAgent(), session.getTitle(), session.getCreatedAt(),
					messages);
		}

	}

	record MessageView(long id, Message.Role role, String content, Instant createdAt) {

		static MessageView of(Message message) {
			return new MessageView(message.getId(), message.getRole(), message.getContent(), message.getCreatedAt());
		}

	}

	record ToolResultView(long id, String toolName, String callId, String output, boolean succeeded,
			Instant createdAt) {

		static ToolResultView of(ToolResult result) {
			return new ToolResultView(result.getId(), result.getToolName(), result.getCallId(), result.getOutput(),
					result.isSucceeded(), result.getCreatedAt());
		}

	}

}
