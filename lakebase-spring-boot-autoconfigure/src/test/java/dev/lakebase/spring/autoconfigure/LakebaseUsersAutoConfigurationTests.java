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

import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.LakebaseConfigurationException;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import dev.lakebase.spring.users.AsUser;
import dev.lakebase.spring.users.LakebaseUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link LakebaseUsersAutoConfiguration}: with {@code lakebase.users.enabled} in a
 * servlet application, the users' pools, their scopes and the routing of the Lakebase
 * {@code dataSource}; everywhere else, {@link AsUser} and {@link LakebaseUsers} that
 * refuse rather than run as the app; nothing without the Lakebase DataSource. No
 * connection is made: the credential is minted only at a login.
 */
@ExtendWith(OutputCaptureExtension.class)
class LakebaseUsersAutoConfigurationTests {

	private static final String[] MINTED = { "PGHOST=ep.database.example.com", "PGUSER=app",
			"LAKEBASE_ENDPOINT=projects/p/branches/production/endpoints/primary" };

	private static final AutoConfigurations USERS = AutoConfigurations.of(LakebaseUsersAutoConfiguration.class);

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(LakebaseTestSupport.JDBC)
		.withConfiguration(USERS)
		.withPropertyValues(MINTED);

	@Test
	void usersInAServletApplicationGetTheirPoolsAndTheDataSourceRoutesToThem() {
		this.web.withPropertyValues("lakebase.users.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(UserPools.class)
				.hasSingleBean(UserScopeTaskDecorator.class)
				.hasSingleBean(AsUserAdvisor.class);
			assertThat(context.getBean(LakebaseUsers.class)).isInstanceOf(UserScopes.class);
			DataSource dataSource = context.getBean("dataSource", DataSource.class);
			assertThat(dataSource).isInstanceOf(UserRoutingDataSource.class);
			assertThat(((UserRoutingDataSource) dataSource).app()).isInstanceOf(HikariDataSource.class);
			assertThat(context.getBean(LakebaseUsers.class).currentUser()).isNull();
		});
	}

	@Test
	void turnedOffAsUserAndLakebaseUsersRefuseToRunAsTheApp() {
		this.web.withUserConfiguration(Annotated.class).run((context) -> {
			assertRefuses(context);
			assertThat(context).doesNotHaveBean(UserPools.class);
			assertThat(context.getBean("dataSource")).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void onOutsideAServletApplicationAsUserAndLakebaseUsersRefuse() {
		assertRefusesWithUsersOn(new ApplicationContextRunner());
		assertRefusesWithUsersOn(new ReactiveWebApplicationContextRunner());
	}

	private static <R extends AbstractApplicationContextRunner<R, C, A>, C extends ConfigurableApplicationContext, A extends ApplicationContextAssertProvider<C>> void assertRefusesWithUsersOn(
			R runner) {
		runner.withConfiguration(LakebaseTestSupport.JDBC)
			.withConfiguration(USERS)
			.withPropertyValues(MINTED)
			.withPropertyValues("lakebase.users.enabled=true")
			.withUserConfiguration(Annotated.class)
			.run((context) -> {
				assertRefuses(context);
				assertThat(context).doesNotHaveBean(UserPools.class);
			});
	}

	@Test
	void onWithoutTheServletApiAsUserAndLakebaseUsersRefuse() {
		// A class proxied through the filtering class loader cannot be subclassed: the
		// refusing advisor is checked as a bean
		this.web.withPropertyValues("lakebase.users.enabled=true")
			.withClassLoader(new FilteredClassLoader("jakarta.servlet.http"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AsUserAdvisor.class).doesNotHaveBean(UserPools.class);
				assertThatIllegalStateException()
					.isThrownBy(() -> context.getBean(LakebaseUsers.class).asUser(() -> "work"))
					.withMessageContaining("needs lakebase.users.enabled=true in a servlet web application");
			});
	}

	private static void assertRefuses(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasNotFailed();
		assertThatIllegalStateException().isThrownBy(() -> context.getBean(Annotated.class).work())
			.withMessageContaining("@AsUser on " + Annotated.class.getName() + ".work")
			.withMessageContaining("lakebase.users.enabled=true");
		LakebaseUsers users = context.getBean(LakebaseUsers.class);
		assertThatIllegalStateException().isThrownBy(() -> users.asUser(() -> "work"))
			.withMessageContaining("LakebaseUsers.asUser");
		assertThat(users.currentUser()).isNull();
		assertThat(users.asApp(() -> "the app's")).isEqualTo("the app's");
	}

	@Test
	void withANativePasswordUsersCannotBeTurnedOn() {
		this.web.withPropertyValues("lakebase.users.enabled=true", "PGPASSWORD=secret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LakebaseConfigurationException.class)
				.hasMessageContaining("native Postgres password")
				.satisfies((ex) -> assertThat(((LakebaseConfigurationException) ex).getAction())
					.contains("lakebase.users.enabled=false")));
	}

	@Test
	void withoutTheLakebaseDataSourceNothingIsConfigured() {
		this.web
			.withPropertyValues("lakebase.users.enabled=true", "lakebase.enabled=false",
					"spring.datasource.url=jdbc:postgresql://elsewhere/db")
			.run((context) -> assertThat(context).doesNotHaveBean(AsUserAdvisor.class)
				.doesNotHaveBean(LakebaseUsers.class)
				.doesNotHaveBean(UserPools.class));
	}

	@Test
	void openInViewIsWarnedAboutOnlyWhenItIsOn(CapturedOutput output) {
		this.web.withPropertyValues("lakebase.users.enabled=true")
			.run((context) -> assertThat(output).doesNotContain("spring.jpa.open-in-view is on"));
		this.web.withPropertyValues("lakebase.users.enabled=true")
			.withBean(LakebaseUsersAutoConfiguration.OpenInViewWarning.INTERCEPTOR, Object.class, Object::new)
			.run((context) -> assertThat(output).contains("spring.jpa.open-in-view is on with lakebase.users")
				.contains("Set spring.jpa.open-in-view=false"));
	}

	@Test
	void onlyTheLakebaseDataSourceIsRouted() throws Exception {
		LakebaseUsersAutoConfiguration.UserRoutingPostProcessor postProcessor = new LakebaseUsersAutoConfiguration.UserRoutingPostProcessor();
		try (HikariDataSource lakebase = new HikariDataSource(); HikariDataSource other = new HikariDataSource()) {
			lakebase.setDataSource(new LakebaseLoginDataSource("jdbc:postgresql://ep.database.example.com/db", "app",
					new Properties(), null, LakebaseEvents.NONE));
			other.setJdbcUrl("jdbc:postgresql://elsewhere/db");
			assertThat(postProcessor.postProcessAfterInitialization(lakebase, "dataSource"))
				.isInstanceOf(UserRoutingDataSource.class);
			assertThat(postProcessor.postProcessAfterInitialization(lakebase, "reportingDataSource"))
				.isSameAs(lakebase);
			assertThat(postProcessor.postProcessAfterInitialization(other, "dataSource")).isSameAs(other);
			SimpleDriverDataSource simple = new SimpleDriverDataSource();
			assertThat(postProcessor.postProcessAfterInitialization(simple, "dataSource")).isSameAs(simple);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Annotated {

		@AsUser
		public String work() {
			return "ran";
		}

	}

}
