package com.example.notes;

import dev.lakebase.spring.test.LakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

// The branch-per-run declaration, here on the emulator's workspace (in CI, on the real one).
@SpringBootTest
@Import({ LakebaseEmulatorConfiguration.class, BranchPerRunConfiguration.class })
class BranchPerRunTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	@Autowired
	LakebaseEmulator lakebase;

	@Test
	void connectsToABranchOfItsOwn() {
		String branch = this.environment.getProperty("lakebase.branch");
		assertThat(branch).startsWith("test-");
		assertThat(this.jdbc.queryForObject("SELECT current_database()", String.class)).endsWith("__" + branch);
		assertThat(this.lakebase.branchEndpoint(branch).counters().logins()).isPositive();
	}

}
