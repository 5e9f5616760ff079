package com.example.shop;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(ShopApplicationTests.Emulator.class)
class ShopApplicationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	LakebaseEmulator lakebase;

	@Test
	void connectsWhileTheBuildPassesThePluginsSwitches() {
		assertThat(System.getProperty("lakebase.databricks-app.java-runtime")).as("Maven's -D reached the tests")
			.isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(this.lakebase.identities().servicePrincipal().roleName());
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportLakebaseEmulator
	static class Emulator {

	}

}
