package com.example.shared;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.LakebaseDirectHost;
import dev.lakebase.spring.test.EmulatedIdentity;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.context.ImportLakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SharedListApplicationTests.Lakebase.class)
class SharedListApplicationTests {

	@Autowired
	LakebaseEmulator lakebase;

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	LakebaseDirectHost directHost;

	@Test
	void eachUserSeesTheirOwnItems() throws Exception {
		EmulatedIdentity ada = this.lakebase.identities().addUser("ada@example.com", true);
		EmulatedIdentity bob = this.lakebase.identities().addUser("bob@example.com", true);
		try (Connection connection = this.lakebase.postgres().connectAsSuperuser(this.lakebase.endpoint());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (owner text NOT NULL, name text NOT NULL)");
			statement.execute("ALTER TABLE item ENABLE ROW LEVEL SECURITY");
			statement.execute("CREATE POLICY own_items ON item USING (owner = current_user)");
			statement.execute("GRANT SELECT ON item TO PUBLIC");
			statement.execute("INSERT INTO item VALUES ('ada@example.com', 'compass'), ('bob@example.com', 'map')");
		}
		assertThat(items(ada)).containsExactly("ada@example.com:compass");
		assertThat(items(bob)).containsExactly("bob@example.com:map");
	}

	@Test
	void theAppConnectsThroughThePoolerAndSessionBoundWorkUsesTheDirectHost() throws Exception {
		assertThat(this.dataSource.unwrap(HikariDataSource.class).getJdbcUrl())
			.contains("//" + this.lakebase.endpoint().pooledHost() + ":");
		long direct = this.lakebase.endpoint().counters().connectionsAccepted()
				- this.lakebase.endpoint().pooledConnectionsAccepted();
		JdbcTemplate jdbc = new JdbcTemplate(this.directHost.dataSource());
		String lock = jdbc.execute((Connection connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_lock(7)");
			}
			try (Statement statement = connection.createStatement();
					var result = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
							+ "AND pid = pg_backend_pid()")) {
				result.next();
				return result.getString(1);
			}
		});
		assertThat(lock).as("the advisory lock held across statements on the direct host").isEqualTo("1");
		assertThat(this.lakebase.endpoint().counters().connectionsAccepted()
				- this.lakebase.endpoint().pooledConnectionsAccepted()).isGreaterThan(direct);
	}

	@Test
	void withoutAUserTokenTheRequestIsRefused() {
		int status = RestClient.create("http://localhost:" + this.port + "/my-items")
			.get()
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(401);
	}

	private List<String> items(EmulatedIdentity user) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/my-items")
			.defaultHeader("X-Forwarded-Access-Token", this.lakebase.identities().forwardedToken(user, "postgres"))
			.defaultHeader("X-Forwarded-Email", user.roleName())
			.build()
			.get()
			.retrieve()
			.body(new ParameterizedTypeReference<List<String>>() {
			});
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportLakebaseEmulator
	static class Lakebase {

	}

}
