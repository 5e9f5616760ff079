package com.example.notes;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootApplication
public class NotesApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotesApplication.class, args);
	}

	@Bean
	ApplicationRunner notes(JdbcTemplate jdbc) {
		return (arguments) -> {
			jdbc.execute("CREATE TABLE IF NOT EXISTS note (id serial PRIMARY KEY, body text NOT NULL)");
			jdbc.update("INSERT INTO note (body) VALUES (?)", "started");
			System.out.println("notes: " + jdbc.queryForObject("SELECT count(*) FROM note", Long.class) + " as "
					+ jdbc.queryForObject("SELECT current_user", String.class));
		};
	}

}
