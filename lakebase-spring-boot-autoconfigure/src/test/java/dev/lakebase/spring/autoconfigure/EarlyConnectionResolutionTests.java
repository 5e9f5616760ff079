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

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EarlyConnectionResolution}: it starts only when the starter's own details will
 * be used, and its connection details give the resolved connection, or its failure as it
 * was thrown on the resolution's thread. The connection here needs no workspace call.
 */
class EarlyConnectionResolutionTests {

	private static final Map<String, Object> EXPLICIT = Map.of("PGHOST", "ep.database.example.com", "PGUSER", "app",
			"LAKEBASE_ENDPOINT", "projects/p/branches/production/endpoints/primary", "lakebase.pool.scale-to-zero",
			"false");

	@Test
	void withTheStartersOwnBeansOnlyTheConnectionIsWorkedOutInTheBackground() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		register(beanFactory, EarlyConnectionResolution.DETAILS_BEAN, LakebaseConnectionDetails.class);
		register(beanFactory, EarlyConnectionResolution.WORKSPACE_DETAILS_BEAN, LakebaseWorkspaceDetails.class);
		EarlyConnectionResolution resolution = resolve(beanFactory, EXPLICIT);
		assertThat(resolution.workspace()).isNotNull();
		LakebaseConnectionDetails details = resolution.connectionDetails();
		assertThat(details).isNotNull();
		assertThat(details.getHost()).isEqualTo("ep.database.example.com");
		assertThat(details.getUsername()).isEqualTo("app");
		assertThat(details.getCredentialTarget()).isEqualTo("projects/p/branches/production/endpoints/primary");
	}

	@Test
	void aFailureOfTheResolutionIsThrownAsItWasThrown() {
		Map<String, Object> invalid = Map.of("PGHOST", "ep.database.example.com", "PGUSER", "app", "LAKEBASE_ENDPOINT",
				"projects/P/branches");
		LakebaseConnectionDetails details = resolve(new DefaultListableBeanFactory(), invalid).connectionDetails();
		assertThat(details).isNotNull();
		assertThatExceptionOfType(LakebaseConfigurationException.class).isThrownBy(details::getHost)
			.withMessageContaining("LAKEBASE_ENDPOINT is 'projects/P/branches'");
	}

	@Test
	void theApplicationsOwnWorkspaceClientOrDetailsLeaveItToTheAutoConfiguration() {
		for (Class<?> own : new Class<?>[] { WorkspaceClient.class, LakebaseConnectionDetails.class,
				LakebaseWorkspaceDetails.class }) {
			DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
			register(beanFactory, EarlyConnectionResolution.DETAILS_BEAN, LakebaseConnectionDetails.class);
			register(beanFactory, "applicationsOwn", own);
			EarlyConnectionResolution resolution = resolve(beanFactory, EXPLICIT);
			assertThat(resolution.workspace()).as(own.getSimpleName()).isNull();
			assertThat(resolution.connectionDetails()).as(own.getSimpleName()).isNull();
		}
	}

	@Test
	void joiningThrowsWhatTheWorkThrew() {
		Supplier<String> done = EarlyConnectionResolution.joining(CompletableFuture.completedFuture("resolved"));
		assertThat(done.get()).isEqualTo("resolved");
		assertThatIllegalStateException()
			.isThrownBy(() -> EarlyConnectionResolution.joining(CompletableFuture.supplyAsync(() -> {
				throw new IllegalStateException("runtime");
			})).get())
			.withMessage("runtime");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(
					() -> EarlyConnectionResolution.joining(CompletableFuture.failedFuture(new AssertionError("error")))
						.get())
			.withMessage("error");
		CompletableFuture<String> checked = new CompletableFuture<>();
		checked.completeExceptionally(new IOException("checked"));
		assertThatThrownBy(() -> EarlyConnectionResolution.joining(checked).get())
			.hasCauseInstanceOf(IOException.class);
	}

	private static void register(DefaultListableBeanFactory beanFactory, String name, Class<?> type) {
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setLazyInit(true);
		beanFactory.registerBeanDefinition(name, definition);
	}

	private static EarlyConnectionResolution resolve(DefaultListableBeanFactory beanFactory,
			Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		EarlyConnectionResolution resolution = new EarlyConnectionResolution();
		resolution.setEnvironment(environment);
		resolution.postProcessBeanFactory(beanFactory);
		return resolution;
	}

}
