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

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.ListEndpointsResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Prepares the Databricks SDK's first use on a background thread as soon as a Spring Boot
 * application's environment is prepared, before its context is created: the TLS set-up
 * and HTTP client it is built on, its JSON mapping and the model classes the starter
 * reads. In a fresh JVM that is about two thirds of the SDK's first use, and it makes no
 * request: the workspace is called (host metadata, OAuth) only once the Lakebase
 * auto-configuration applies ({@code EarlyConnectionResolution}), so an application whose
 * own {@code DataSource} or {@code JdbcConnectionDetails} the starter steps aside for
 * never authenticates. Starts only when a Lakebase connection that needs the workspace is
 * configured ({@code PGHOST}, {@code LAKEBASE_ENDPOINT} and the like, without a native
 * password), the starter is on and {@code spring.datasource.url} is not set, and not
 * while the application is processed ahead of time; runs after logging is initialized
 * (after Boot's own run listener, which initializes it). The preparation is registered
 * with the context as {@value #BEAN_NAME}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DatabricksSdkPreparer implements SpringApplicationRunListener, Ordered {

	static final String BEAN_NAME = "lakebaseSdkPreparation";

	private static final Log logger = LogFactory.getLog(DatabricksSdkPreparer.class);

	private static final String ENDPOINTS = """
			{"endpoints": [{"name": "projects/p/branches/b/endpoints/e", "status": {"endpoint_type":
			"ENDPOINT_TYPE_READ_WRITE", "hosts": {"host": "h"}, "suspend_timeout_duration": "300s"}}]}""";

	private static final String CREDENTIAL = """
			{"token": "t", "expire_time": "2026-01-01T00:00:00Z"}""";

	private @Nullable Started started;

	DatabricksSdkPreparer(SpringApplication application, String[] args) {
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		try {
			if (!needsWorkspace(environment)) {
				return;
			}
		}
		catch (RuntimeException ex) {
			// An invalid value: the auto-configuration binds the same properties and
			// reports it
			return;
		}
		this.started = new Started(inBackground("lakebase-sdk-preparation", () -> {
			prepareQuietly();
			return null;
		}));
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		if (this.started != null && context instanceof GenericApplicationContext generic) {
			generic.getBeanFactory().registerSingleton(BEAN_NAME, this.started);
		}
		this.started = null;
	}

	/**
	 * Load and initialize what the SDK's first use needs, without a request.
	 */
	static void prepareQuietly() {
		try {
			prepare();
		}
		catch (Exception | LinkageError ex) {
			// Only a head start: the first real use does the same and reports
			logger.debug("Could not prepare the Databricks SDK ahead of time", ex);
		}
	}

	/**
	 * The preparation's work: the SDK's configuration, HTTP client (TLS, connection pool)
	 * and JSON mapping, and a read of the responses the starter reads first.
	 * @throws Exception if the SDK did not take it
	 */
	static void prepare() throws Exception {
		new DatabricksConfig();
		new CommonsHttpClient.Builder().withTimeoutSeconds(60).build();
		ObjectMapper mapper = SerDeUtils.createMapper();
		mapper.readValue(ENDPOINTS, ListEndpointsResponse.class);
		mapper.readValue(CREDENTIAL, DatabaseCredential.class);
	}

	private static boolean needsWorkspace(ConfigurableEnvironment environment) {
		if (aotProcessing() || !environment.getProperty("lakebase.enabled", Boolean.class, true)
				|| environment.containsProperty("spring.datasource.url")) {
			return false;
		}
		return LakebaseConfigured.mayNeedWorkspace(environment);
	}

	/**
	 * Whether the application is being processed ahead of time, at build time, where
	 * nothing connects and the workspace must not be called.
	 * @return whether AOT processing is in progress
	 */
	static boolean aotProcessing() {
		return Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
	}

	/**
	 * Run work on a daemon thread of its own.
	 * @param <T> the type of the result
	 * @param threadName the name of the thread
	 * @param work the work
	 * @return the result, or the work's failure
	 */
	static <T> CompletableFuture<T> inBackground(String threadName, Supplier<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(work.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, threadName);
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	@Override
	public int getOrder() {
		// After Boot's EventPublishingRunListener (0), whose events initialize logging
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The preparation in progress, registered with the context it started for.
	 */
	static final class Started {

		private final CompletableFuture<Void> work;

		Started(CompletableFuture<Void> work) {
			this.work = work;
		}

		/**
		 * Wait until the preparation has finished.
		 */
		void await() {
			this.work.join();
		}

		@Override
		public String toString() {
			return "DatabricksSdkPreparer.Started";
		}

	}

}
