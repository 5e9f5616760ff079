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

package dev.lakebase.spring.test.context;

import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.test.EmulatedEndpoint;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.junit.LakebaseEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ImportLakebaseBranch} against the emulator's workspace: a branch per context,
 * named for the run, the context's {@code lakebase.branch}, deleted when the context
 * closes unless a failed run keeps it, and the branch limit named with the branches to
 * delete.
 */
class ImportLakebaseBranchIntegrationTests {

	@RegisterExtension
	final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension();

	@Test
	void createsABranchForTheContextAndDeletesItWhenTheContextCloses() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		String id;
		try (AnnotationConfigApplicationContext context = context(emulator, WithBranch.class)) {
			id = context.getEnvironment().getProperty("lakebase.branch");
			assertThat(id).startsWith("ci-");
			assertThat(context.getEnvironment().getProperty("lakebase.project")).isEqualTo("emulator");
			assertThat(context.getEnvironment().getProperty("lakebase.endpoint")).isEmpty();
			assertThat(emulator.branchEndpoint(id).branch()).isEqualTo(id);
			assertThat(context.getBean(EphemeralBranch.class).name()).isEqualTo("projects/emulator/branches/" + id);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.branchEndpoint(id));
	}

	@Test
	void pointsTheImportedEmulatorsConnectionDetailsAtTheBranch() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				EmulatorAndBranch.class)) {
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			String id = context.getBean(EphemeralBranch.class).id();
			EmulatedEndpoint branchEndpoint = emulator.branchEndpoint(id);
			LakebaseConnectionDetails details = context.getBean(LakebaseConnectionDetails.class);
			assertThat(details.getEndpoint()).isEqualTo(branchEndpoint.path());
			assertThat(details.getHost()).isEqualTo(branchEndpoint.host());
			assertThat(details.getUsername()).isEqualTo(emulator.identities().servicePrincipal().roleName());
			assertThat(details.getCredentialTarget()).isEqualTo(branchEndpoint.path());
			assertThat(context.getBeansOfType(LakebaseConnectionDetails.class)).hasSize(2);
		}
	}

	@Test
	void throughThePoolerTheBranchIsReachedThroughItsOwnPooler() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("user", Map.of("lakebase.pooler.enabled", "true")));
			context.register(EmulatorAndBranch.class);
			context.refresh();
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			EmulatedEndpoint branchEndpoint = emulator.branchEndpoint(context.getBean(EphemeralBranch.class).id());
			LakebaseConnectionDetails details = context.getBean(LakebaseConnectionDetails.class);
			assertThat(details.getHost()).isEqualTo(branchEndpoint.pooledHost());
			assertThat(details.getDirectHost()).isEqualTo(branchEndpoint.host());
			assertThat(details.getEndpoint()).isEqualTo(branchEndpoint.path());
		}
	}

	@Test
	void pointsTheApplicationsOwnConnectionDetailsAtTheBranch() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		try (AnnotationConfigApplicationContext context = context(emulator, OwnDetailsAndBranch.class)) {
			String id = context.getBean(EphemeralBranch.class).id();
			LakebaseConnectionDetails details = context.getBean(LakebaseConnectionDetails.class);
			assertThat(details.getEndpoint()).isEqualTo(emulator.branchEndpoint(id).path());
			assertThat(details.getHost()).isEqualTo(emulator.branchEndpoint(id).host());
			assertThat(details.getApplicationName()).isEqualTo("own");
		}
	}

	@Test
	void twoConnectionDetailsBeansToPointAtTheBranchFailNamingThem() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		assertThatThrownBy(() -> context(emulator, TwoDetailsAndBranch.class))
			.hasStackTraceContaining("@ImportLakebaseBranch points one LakebaseConnectionDetails bean at the run's "
					+ "branch, and the context has 2: [own, other]");
	}

	@Test
	void aFailedRunKeepsItsBranchWhenAskedTo() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		String id;
		Logger logger = (Logger) LoggerFactory.getLogger(EphemeralBranch.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		try (AnnotationConfigApplicationContext context = context(emulator, KeptOnFailure.class)) {
			id = context.getBean(EphemeralBranch.class).id();
			context.getBean(EphemeralBranch.class).markFailed();
		}
		finally {
			logger.detachAppender(log);
		}
		assertThat(emulator.branchEndpoint(id).branch()).isEqualTo(id);
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.contains("Kept Lakebase branch projects/emulator/branches/" + id
					+ " of a failed run; it expires with its TTL");
	}

	@Test
	void theBranchLimitIsNamedWithTheBranchesToDelete() {
		LakebaseEmulator emulator = this.lakebase.emulator();
		WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspace().url())
			.setClientId(emulator.identities().servicePrincipal().clientId())
			.setClientSecret(emulator.identities().servicePrincipal().clientSecret()));
		for (int i = 1; i <= 9; i++) {
			EphemeralBranch.create(workspace, "emulator", "production", "other-" + i, java.time.Duration.ofHours(1),
					false);
		}
		assertThatThrownBy(() -> context(emulator, WithBranch.class)).hasStackTraceContaining("limit of 10 branches")
			.hasStackTraceContaining("projects/emulator/branches/other-9")
			.hasStackTraceContaining("delete the ones no run needs");
	}

	static AnnotationConfigApplicationContext context(LakebaseEmulator emulator, Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("emulator", new LinkedHashMap<>(emulator.springProperties())));
		context.register(configuration);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseBranch(prefix = "ci", ttl = "1h")
	static class WithBranch {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseBranch(keepOnFailure = true)
	static class KeptOnFailure {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseEmulator
	@ImportLakebaseBranch
	static class EmulatorAndBranch {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseBranch
	static class OwnDetailsAndBranch {

		@Bean
		LakebaseConnectionDetails own() {
			return new LakebaseConnectionDetails() {

				@Override
				public String getHost() {
					return "parent.example.com";
				}

				@Override
				public String getEndpoint() {
					return "projects/emulator/branches/production/endpoints/primary";
				}

				@Override
				public String getUsername() {
					return "app";
				}

				@Override
				public String getApplicationName() {
					return "own";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(OwnDetailsAndBranch.class)
	static class TwoDetailsAndBranch {

		@Bean
		LakebaseConnectionDetails other() {
			return new LakebaseConnectionDetails() {

				@Override
				public String getHost() {
					return "other.example.com";
				}

				@Override
				public String getUsername() {
					return "app";
				}

			};
		}

	}

}
