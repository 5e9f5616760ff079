package com.example.notes;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

// Another declaration: a context, and an emulator, of its own.
@SpringBootTest
@Import(OwnEmulatorTests.ShortLivedCredentials.class)
class OwnEmulatorTests {

	@Autowired
	LakebaseEmulator lakebase;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void getsAnEmulatorWithItsOwnSettings() {
		assertThat(this.lakebase.branchEndpoint("feature-x").branch()).isEqualTo("feature-x");
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(this.lakebase.identities().servicePrincipal().roleName());
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(tokenLifetime = "30s", branches = "feature-x")
	static class ShortLivedCredentials {

	}

}
