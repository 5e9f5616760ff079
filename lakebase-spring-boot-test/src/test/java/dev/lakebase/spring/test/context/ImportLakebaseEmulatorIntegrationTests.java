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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.autoconfigure.LakebaseWorkspaceDetails;
import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ImportLakebaseEmulator} on a configuration class: the emulator runs for the
 * context, supplies its connection and workspace details as beans (the environment is
 * left as it is), and closes with the context.
 */
class ImportLakebaseEmulatorIntegrationTests {

	@Test
	void startsAnEmulatorForTheContextAndClosesItWithTheContext() {
		LakebaseEmulator emulator;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(WithEmulator.class)) {
			emulator = context.getBean(LakebaseEmulator.class);
			assertThat(emulator.workspace().url()).startsWith("http://127.0.0.1:");
		}
		assertThatIllegalStateException().isThrownBy(() -> emulator.workspace().url());
	}

	@Test
	void suppliesConnectionAndWorkspaceDetailsAndWritesNoPropertyIntoTheEnvironment() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("user", Map.of("lakebase.host", "elsewhere.example.com")));
			List<String> sourcesBefore = names(context.getEnvironment().getPropertySources());
			context.register(WithEmulator.class);
			context.refresh();
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			LakebaseConnectionDetails connection = context.getBean(LakebaseConnectionDetails.class);
			assertThat(connection.getHost()).isEqualTo(emulator.endpoint().host());
			assertThat(connection.getPort()).isEqualTo(emulator.endpoint().port());
			assertThat(connection.getEndpoint()).isEqualTo(emulator.endpoint().path());
			assertThat(connection.getInstanceName()).isNull();
			assertThat(connection.getUsername()).isEqualTo(emulator.identities().servicePrincipal().roleName());
			assertThat(connection.getPassword()).isNull();
			assertThat(connection.getSslMode()).isEqualTo("require");
			assertThat(connection.getJdbcUrl()).startsWith("jdbc:postgresql://" + emulator.endpoint().host() + ":");
			LakebaseWorkspaceDetails workspace = context.getBean(LakebaseWorkspaceDetails.class);
			assertThat(workspace.getHost()).isEqualTo(emulator.workspace().url());
			assertThat(workspace.getClientId()).isEqualTo(emulator.identities().servicePrincipal().clientId());
			assertThat(workspace.getClientSecret()).isEqualTo(emulator.identities().servicePrincipal().clientSecret());
			assertThat(workspace.toString()).doesNotContain(emulator.identities().servicePrincipal().clientSecret());
			assertThat(names(context.getEnvironment().getPropertySources())).isEqualTo(sourcesBefore);
			assertThat(context.getEnvironment().getProperty("lakebase.host")).isEqualTo("elsewhere.example.com");
		}
	}

	@Test
	void withThePoolerOnTheDetailsConnectToThePooledHostAndNameTheDirectOne() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("user", Map.of("lakebase.pooler.enabled", "true")));
			context.register(WithEmulator.class);
			context.refresh();
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			LakebaseConnectionDetails connection = context.getBean(LakebaseConnectionDetails.class);
			assertThat(connection.getHost()).isEqualTo(emulator.endpoint().pooledHost());
			assertThat(connection.getDirectHost()).isEqualTo(emulator.endpoint().host());
			assertThat(connection.getJdbcUrl())
				.startsWith("jdbc:postgresql://" + emulator.endpoint().pooledHost() + ":");
		}
	}

	private static List<String> names(PropertySources sources) {
		return sources.stream().map(PropertySource::getName).toList();
	}

	@Test
	void theAnnotationsSettingsReachTheEmulator() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Tuned.class)) {
			LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
			assertThat(emulator.branchEndpoint("feature-x").branch()).isEqualTo("feature-x");
			assertThat(emulator.readOnlyEndpoint().isReadOnly()).isTrue();
			assertThat(emulator.endpoint().wakeMode()).isEqualTo(WakeMode.REFUSE);
			assertThat(emulator.endpoint().wakeDelay()).isEqualTo(Duration.ofMillis(50));
			assertThat(emulator.endpoint().autoSuspendAfter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(context.getBean(LakebaseConnectionDetails.class).getApplicationName()).isEqualTo("notes");
		}
	}

	@Test
	void oneEmulatorPerContextWhenTwoConfigurationsDeclareOne() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(WithEmulator.class,
				Tuned.class)) {
			assertThat(context.getBeansOfType(LakebaseEmulator.class)).hasSize(1);
		}
	}

	@Test
	void aDurationThatIsNoneFailsNamingTheAttribute() {
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(BadLifetime.class))
			.hasStackTraceContaining("@ImportLakebaseEmulator(tokenLifetime = \"soon\") is not a duration");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseEmulator
	static class WithEmulator {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(tokenLifetime = "5s", wakeMode = WakeMode.REFUSE, wakeDelay = "50ms",
			autoSuspendAfter = "30s", branches = "feature-x", readOnlyEndpoint = true, appName = "notes")
	static class Tuned {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportLakebaseEmulator(tokenLifetime = "soon")
	static class BadLifetime {

	}

}
