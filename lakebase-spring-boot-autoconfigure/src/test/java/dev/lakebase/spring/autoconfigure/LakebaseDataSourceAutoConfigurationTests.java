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

package dev.lakebase.spring.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-off, precedence and validation of {@link LakebaseDataSourceAutoConfiguration},
 * with no connection made: a native password needs no workspace, and the connection is
 * worked out without connecting.
 */
@ExtendWith(OutputCaptureExtension.class)
class LakebaseDataSourceAutoConfigurationTests {

	private static final String[] NATIVE = { "PGHOST=ep-env.database.example.com", "PGUSER=env_user",
			"PGPASSWORD=env-password" };

	private final ApplicationContextRunner runner = LakebaseTestSupport.runner();

	@Test
	void configuresLakebaseConnectionDetailsAndPool() {
		this.runner.withPropertyValues(NATIVE).run((context) -> {
			assertThat(context).hasSingleBean(LakebaseConnectionDetails.class);
			assertThat(context).hasSingleBean(CredentialCache.class);
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl())
				.isEqualTo("jdbc:postgresql://ep-env.database.example.com:5432/databricks_postgres?sslmode=require");
			assertThat(dataSource.getUsername()).isEqualTo("env_user");
			assertThat(dataSource.getPoolName()).isEqualTo("lakebase");
			assertThat(dataSource.getCredentialsProvider()).isNotNull();
			assertThat(dataSource.getDataSource()).isInstanceOf(LakebaseLoginDataSource.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		lakebaseOnly().withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LakebaseConnectionDetails.class)
				.doesNotHaveBean(CredentialCache.class));
	}

	@Test
	void backsOffWhenUserDefinesDataSource() {
		this.runner.withPropertyValues(NATIVE).withUserConfiguration(UserDataSource.class).run((context) -> {
			assertThat(context).doesNotHaveBean(LakebaseConnectionDetails.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(SimpleDriverDataSource.class);
		});
	}

	@Test
	void backsOffWhenDataSourceUrlIsSet() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://elsewhere:5432/app")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LakebaseConnectionDetails.class);
				assertThat(context.getBean(HikariDataSource.class).getJdbcUrl())
					.isEqualTo("jdbc:postgresql://elsewhere:5432/app");
				assertThat(context.getBean(HikariDataSource.class).getCredentialsProvider()).isNull();
			});
	}

	@Test
	void backsOffWhenOtherJdbcConnectionDetailsExist() {
		this.runner.withPropertyValues(NATIVE).withUserConfiguration(OtherConnectionDetails.class).run((context) -> {
			assertThat(context).doesNotHaveBean(LakebaseConnectionDetails.class);
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://service-connection:5432/test");
			assertThat(dataSource.getCredentialsProvider()).isNull();
		});
	}

	@Test
	void backsOffWithoutDatabricksSdk() {
		lakebaseOnly().withPropertyValues(NATIVE)
			.withClassLoader(new FilteredClassLoader("com.databricks.sdk"))
			.run((context) -> assertThat(context).doesNotHaveBean(LakebaseConnectionDetails.class));
	}

	@Test
	void propertiesWinOverEnvironmentPerValue() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("PGPORT=6543", "PGDATABASE=env_db", "PGSSLMODE=verify-full", "PGAPPNAME=env-app",
					"lakebase.host=ep-property.database.example.com", "lakebase.username=property_user",
					"lakebase.database=property_db", "lakebase.application-name=property-app")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getJdbcUrl()).isEqualTo(
						"jdbc:postgresql://ep-property.database.example.com:6543/property_db?sslmode=verify-full&ApplicationName=property-app");
				assertThat(dataSource.getUsername()).isEqualTo("property_user");
			});
	}

	@Test
	void portAndSslModePropertiesWinOverEnvironment() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("PGPORT=6543", "PGSSLMODE=disable", "lakebase.port=7654", "lakebase.ssl-mode=verify-ca")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getJdbcUrl())
				.isEqualTo("jdbc:postgresql://ep-env.database.example.com:7654/databricks_postgres?sslmode=verify-ca"));
	}

	@Test
	void endpointPropertyWinsOverLakebaseEndpointVariable() {
		this.runner
			.withPropertyValues("PGHOST=ep.example.com", "PGUSER=app",
					"LAKEBASE_ENDPOINT=projects/p/branches/production/endpoints/primary",
					"lakebase.endpoint=projects/p/branches/feature/endpoints/primary")
			.run((context) -> assertThat(context.getBean(LakebaseConnectionDetails.class).getCredentialTarget())
				.isEqualTo("projects/p/branches/feature/endpoints/primary"));
	}

	@Test
	void passwordPropertyWinsOverPgPassword() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.password=property-password")
			.run((context) -> {
				LakebaseConnectionDetails details = context.getBean(LakebaseConnectionDetails.class);
				assertThat(details.getPassword()).isEqualTo("property-password");
			});
	}

	@Test
	void invalidEndpointPathFailsNamingVariableAndForm() {
		this.runner.withPropertyValues("PGHOST=ep.example.com", "PGUSER=app", "LAKEBASE_ENDPOINT=projects/P/branches")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("LAKEBASE_ENDPOINT is 'projects/P/branches'")
				.satisfies((ex) -> assertThat(((LakebaseConfigurationException) ex).getAction())
					.contains("projects/{project}/branches/{branch}/endpoints/{endpoint}")));
	}

	@Test
	void budgetAndPoolerValuesOutOfRangeFailTheStartNamingTheProperty() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.budget.headroom=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.budget.headroom is '-1'"));
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.pooler.enabled=true", "lakebase.pooler.direct-max-pool-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.pooler.direct-max-pool-size is '0'"));
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.pooler.direct-max-pool-size=0")
			.run((context) -> assertThat(context).as("not used without the pooler").hasNotFailed());
	}

	@Test
	void portOutOfRangeFailsNamingProperty() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("PGPORT=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("PGPORT is '70000'"));
	}

	@Test
	void unknownSslModeFailsListingAcceptedModes() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.ssl-mode=required")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.ssl-mode is 'required'")
				.satisfies((ex) -> assertThat(((LakebaseConfigurationException) ex).getAction())
					.contains("disable, allow, prefer, require, verify-ca, verify-full")));
	}

	@Test
	void hostWithSchemeFails() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.host=https://ep.example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.host is 'https://ep.example.com'"));
	}

	@Test
	void credentialTtlOutsideServiceRangeFails() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.credentials.ttl=2h")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.credentials.ttl is 'PT2H'"));
	}

	@Test
	void wakeBudgetThatIsNotPositiveFailsNamingTheProperty() {
		for (String budget : new String[] { "0", "-1s" }) {
			this.runner.withPropertyValues(NATIVE)
				.withPropertyValues("lakebase.wake.budget=" + budget)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(LakebaseConfigurationException.class)
					.hasMessageContaining("lakebase.wake.budget is '")
					.satisfies((ex) -> assertThat(((LakebaseConfigurationException) ex).getAction())
						.contains("lakebase.wake.enabled=false")));
		}
	}

	@Test
	void wakeDelaysThatAreNotPositiveOrOutOfOrderFailNamingTheProperties() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.wake.initial-delay=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.wake.initial-delay is 'PT0S'"));
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("lakebase.wake.initial-delay=2s", "lakebase.wake.max-delay=1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("lakebase.wake.max-delay (PT1S) is shorter than lakebase.wake.initial-delay"));
	}

	@Test
	void endpointAndInstanceTogetherFail() {
		this.runner
			.withPropertyValues("PGHOST=ep.example.com", "PGUSER=app",
					"lakebase.endpoint=projects/p/branches/b/endpoints/e", "lakebase.instance-name=legacy")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("both an Autoscaling endpoint"));
	}

	@Test
	void nothingConfiguredFailsNamingWhatToSet() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(LakebaseConfigurationException.class)
			.hasMessageContaining("No Lakebase connection is configured")
			.satisfies((ex) -> assertThat(((LakebaseConfigurationException) ex).getAction()).contains("PGHOST",
					"LAKEBASE_ENDPOINT", "lakebase.endpoint", ".env", "lakebase.enabled=false")));
	}

	@Test
	void weakSslModeFailsStartupForARemoteHostFromEitherPlace() {
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("PGSSLMODE=prefer")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("PGSSLMODE is 'prefer'")
				.hasMessageContaining("ep-env.database.example.com"));
		this.runner.withPropertyValues(NATIVE)
			.withPropertyValues("spring.datasource.hikari.data-source-properties.sslmode=disable")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("spring.datasource.hikari.data-source-properties.sslmode is 'disable'"));
		this.runner.withPropertyValues("PGHOST=127.0.0.1", "PGUSER=u", "PGPASSWORD=p", "PGSSLMODE=disable")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(HikariDataSource.class));
	}

	@Test
	void passwordNeverAppearsInConnectionDetailsOrLogs(CapturedOutput output) {
		this.runner.withPropertyValues(NATIVE).run((context) -> {
			ResolvedConnection connection = ResolvedConnection.of(context.getBean(LakebaseConnectionDetails.class));
			assertThat(connection.target().password()).as("the password is held").isEqualTo("env-password");
			assertThat(connection.toString()).doesNotContain("env-password");
			assertThat(connection.target().toString()).doesNotContain("env-password");
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(pool.getJdbcUrl()).doesNotContain("env-password");
			assertThat(pool.getDataSourceProperties().toString()).doesNotContain("env-password");
		});
		assertThat(output).doesNotContain("env-password");
	}

	private static ApplicationContextRunner lakebaseOnly() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LakebaseDataSourceAutoConfiguration.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSource {

		@Bean
		DataSource userDataSource() {
			return new SimpleDriverDataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherConnectionDetails {

		@Bean
		JdbcConnectionDetails otherConnectionDetails() {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return "test";
				}

				@Override
				public String getPassword() {
					return "test";
				}

				@Override
				public String getJdbcUrl() {
					return "jdbc:postgresql://service-connection:5432/test";
				}

			};
		}

	}

}
