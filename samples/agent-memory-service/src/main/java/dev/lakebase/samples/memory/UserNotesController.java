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

import dev.lakebase.spring.users.AsUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own notes, {@code /me/notes}: read and written as the user (their
 * own Postgres role), so the table's row-level security policy shows each user only their
 * rows. Needs Databricks Apps user authorization with the {@code postgres} scope.
 *
 * @author Lakebase Spring Boot contributors
 */
@RestController
@RequestMapping("/me/notes")
public class UserNotesController {

	private final JdbcClient jdbc;

	UserNotesController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping
	@AsUser
	@Transactional(readOnly = true)
	public List<UserNote> notes() {
		return this.jdbc.sql("SELECT owner, body FROM app.user_note ORDER BY id").query(UserNote.class).list();
	}

	@PostMapping
	@AsUser
	@Transactional
	@ResponseStatus(HttpStatus.CREATED)
	public UserNote add(@Valid @RequestBody NewUserNote note) {
		return this.jdbc.sql("INSERT INTO app.user_note (body) VALUES (?) RETURNING owner, body")
			.param(note.body())
			.query(UserNote.class)
			.single();
	}

	/**
	 * A note and whose it is.
	 *
	 * @param owner the user's Postgres role
	 * @param body the text
	 */
	public record UserNote(String owner, String body) {
	}

	/**
	 * A new note.
	 *
	 * @param body the text
	 */
	public record NewUserNote(@NotBlank String body) {
	}

}
