package com.example.notes;

import dev.lakebase.spring.test.LakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(LakebaseEmulatorConfiguration.class)
class NotesApplicationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	LakebaseEmulator lakebase;

	@Test
	void writesAndReadsThroughTheLakebaseDataSource() {
		this.jdbc.update("INSERT INTO note (body) VALUES (?)", "hello");
		assertThat(this.jdbc.queryForList("SELECT body FROM note", String.class)).contains("hello");
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(this.lakebase.identities().servicePrincipal().roleName());
		assertThat(this.lakebase.tokens().mintCount()).isPositive();
	}

}
