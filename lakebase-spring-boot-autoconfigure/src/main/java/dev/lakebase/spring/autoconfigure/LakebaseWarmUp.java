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
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.databricks.sdk.WorkspaceClient;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Starts working out the Lakebase connection as soon as the context starts refreshing, on
 * a background thread: loading and configuring the Databricks SDK, authenticating, and
 * looking up the endpoint take several hundred milliseconds in a fresh JVM, and would
 * otherwise run on the main thread when the {@code dataSource} bean is created. The
 * {@link LakebaseConnectionDetails} wait for the result, and see its failures as their
 * own. Not used when the application defines its own {@link WorkspaceClient}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseWarmUp implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	private volatile Supplier<WorkspaceClient> workspace;

	private volatile CompletableFuture<LakebaseConnection> connection;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(WorkspaceClient.class, true, false).length > 0) {
			return;
		}
		LakebaseProperties properties = Binder.get(this.environment).bindOrCreate("lakebase", LakebaseProperties.class);
		Supplier<WorkspaceClient> workspace = SingletonSupplier
			.of(() -> WorkspaceClientFactory.create(properties.getDatabricks(), this.environment));
		this.workspace = workspace;
		CompletableFuture<LakebaseConnection> connection = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				connection.complete(new LakebaseConnectionResolver(properties, this.environment, workspace).resolve());
			}
			catch (Throwable ex) {
				connection.completeExceptionally(ex);
			}
		}, "lakebase-warm-up");
		thread.setDaemon(true);
		this.connection = connection;
		thread.start();
	}

	/**
	 * Return the workspace client the warm-up uses, or {@code null} if it did not start.
	 * @return the workspace client supplier
	 */
	Supplier<WorkspaceClient> workspace() {
		return this.workspace;
	}

	/**
	 * Return the connection the warm-up works out, or {@code null} if it did not start.
	 * Its failure is thrown as it was thrown on the warm-up thread.
	 * @return the connection supplier
	 */
	Supplier<LakebaseConnection> connection() {
		CompletableFuture<LakebaseConnection> connection = this.connection;
		if (connection == null) {
			return null;
		}
		return () -> {
			try {
				return connection.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		};
	}

}
