package com.example.notes;

import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class NotesApplicationTests {

	@RegisterExtension
	static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@DynamicPropertySource
	static void lakebaseConnection(DynamicPropertyRegistry registry) {
		lakebase.emulator().environment().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void writesAndReadsThroughTheLakebaseDataSource() {
		this.jdbc.execute("CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)");
		this.jdbc.update("INSERT INTO note (body) VALUES (?)", "hello");
		assertThat(this.jdbc.queryForObject("SELECT body FROM note", String.class)).isEqualTo("hello");
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(lakebase.emulator().identities().servicePrincipal().roleName());
		assertThat(lakebase.emulator().tokens().mintCount()).isPositive();
	}

}
