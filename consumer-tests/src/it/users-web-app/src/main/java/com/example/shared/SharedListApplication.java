package com.example.shared;

import java.util.List;

import dev.lakebase.spring.users.AsUser;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class SharedListApplication {

	public static void main(String[] args) {
		SpringApplication.run(SharedListApplication.class, args);
	}

	@RestController
	static class ItemsController {

		private final JdbcTemplate jdbc;

		ItemsController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping("/my-items")
		@AsUser
		@Transactional(readOnly = true)
		public List<String> myItems() {
			return this.jdbc.queryForList("SELECT current_user || ':' || name FROM item ORDER BY name", String.class);
		}

	}

}
