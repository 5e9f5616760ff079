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

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Sets up the Databricks SDK client on a background thread as soon as a Spring Boot
 * application's environment is prepared, before its context is created. In a fresh JVM
 * the SDK's set-up (its classes, configuration, HTTP client, the workspace's host
 * metadata and the first OAuth token) takes the better part of a second, which would
 * otherwise add to the application's start-up. Starts only when a Lakebase connection
 * that needs the workspace is configured ({@code PGHOST}, {@code LAKEBASE_ENDPOINT} and
 * the like, without a native password), the starter is on and
 * {@code spring.datasource.url} is not set, and not while the application is processed
 * ahead of time (at build time, where nothing connects); runs after logging is
 * initialized (after Boot's own run listener, which initializes it), so that the defaults
 * of {@link LakebaseLoggingDefaults} apply. The client is handed to the context when it
 * is prepared, and {@link LakebaseWarmUp} takes it if its settings are still the same
 * when the context refreshes (an initializer may have changed them).
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceClientWarmUp implements SpringApplicationRunListener, Ordered {

	static final String BEAN_NAME = "lakebaseWorkspaceClientWarmUp";

	private static final Log logger = LogFactory.getLog(WorkspaceClientWarmUp.class);

	private static final String[] TARGETS = { "lakebase.endpoint", "lakebase.host", "lakebase.instance-name",
			"lakebase.project", "PGHOST", "LAKEBASE_ENDPOINT", "LAKEBASE_INSTANCE_NAME", "LAKEBASE_PROJECT" };

	private static final String[] NATIVE_PASSWORDS = { "lakebase.password", "PGPASSWORD" };

	private Started started;

	WorkspaceClientWarmUp(SpringApplication application, String[] args) {
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		WorkspaceClientFactory.Settings settings;
		try {
			if (!needsWorkspace(environment)) {
				return;
			}
			LakebaseProperties.Databricks databricks = Binder.get(environment)
				.bindOrCreate("lakebase.databricks", LakebaseProperties.Databricks.class);
			settings = WorkspaceClientFactory.Settings.of(databricks, environment);
		}
		catch (RuntimeException ex) {
			// An invalid value: the auto-configuration binds the same properties and
			// reports it
			return;
		}
		this.started = new Started(settings,
				LakebaseWarmUp.inBackground("lakebase-sdk-warm-up", () -> start(settings)));
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		if (this.started != null && context instanceof GenericApplicationContext generic) {
			generic.getBeanFactory().registerSingleton(BEAN_NAME, this.started);
		}
		this.started = null;
	}

	private static WorkspaceClient start(WorkspaceClientFactory.Settings settings) {
		WorkspaceClient workspace = WorkspaceClientFactory.create(settings);
		try {
			workspace.config().authenticate();
		}
		catch (RuntimeException ex) {
			// The first workspace call authenticates again and reports the error
			logger.debug("Could not authenticate to the Databricks workspace ahead of time", ex);
		}
		return workspace;
	}

	private static boolean needsWorkspace(ConfigurableEnvironment environment) {
		if (LakebaseWarmUp.aotProcessing() || !environment.getProperty("lakebase.enabled", Boolean.class, true)
				|| environment.containsProperty("spring.datasource.url")) {
			return false;
		}
		for (String name : NATIVE_PASSWORDS) {
			if (StringUtils.hasText(environment.getProperty(name))) {
				return false;
			}
		}
		for (String name : TARGETS) {
			if (StringUtils.hasText(environment.getProperty(name))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Take the client the warm-up sets up, if it started for these settings.
	 * @param beanFactory the bean factory of the context being refreshed
	 * @param settings the settings the client is needed for
	 * @return the client, waited for on first use, or {@code null}
	 */
	static Supplier<WorkspaceClient> claim(ConfigurableListableBeanFactory beanFactory,
			WorkspaceClientFactory.Settings settings) {
		if (!beanFactory.containsSingleton(BEAN_NAME)
				|| !(beanFactory.getSingleton(BEAN_NAME) instanceof Started started)
				|| !started.settings.equals(settings)) {
			return null;
		}
		return LakebaseWarmUp.joining(started.client);
	}

	@Override
	public int getOrder() {
		// After Boot's EventPublishingRunListener (0), whose events initialize logging
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The client being set up, and the settings it is set up with.
	 */
	static final class Started {

		private final WorkspaceClientFactory.Settings settings;

		private final CompletableFuture<WorkspaceClient> client;

		Started(WorkspaceClientFactory.Settings settings, CompletableFuture<WorkspaceClient> client) {
			this.settings = settings;
			this.client = client;
		}

		@Override
		public String toString() {
			return "WorkspaceClientWarmUp.Started";
		}

	}

}
