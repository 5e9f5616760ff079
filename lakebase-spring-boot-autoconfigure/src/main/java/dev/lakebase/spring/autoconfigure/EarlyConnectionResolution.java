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
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Starts working out the Lakebase connection as soon as the context starts refreshing, on
 * a background thread: authenticating, looking up the endpoint and its suspend timeout
 * take several hundred milliseconds in a fresh JVM, and would otherwise run on the main
 * thread when the {@code dataSource} bean is created. It is the first to call the
 * workspace; {@link DatabricksSdkPreparer} has prepared the SDK without a request. The
 * {@link LakebaseConnectionDetails} wait for the result, and see its failures as their
 * own. Not used when the application defines its own {@link WorkspaceClient}, connection
 * details or workspace details, nor while the application is processed ahead of time.
 *
 * @author Lakebase Spring Boot contributors
 */
final class EarlyConnectionResolution implements BeanFactoryPostProcessor, EnvironmentAware {

	/**
	 * The name of the starter's own connection details bean.
	 */
	static final String DETAILS_BEAN = "lakebaseConnectionDetails";

	/**
	 * The name of the starter's own workspace details bean.
	 */
	static final String WORKSPACE_DETAILS_BEAN = "lakebaseWorkspaceDetails";

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	private volatile @Nullable LakebaseWorkspace workspace;

	private volatile @Nullable LakebaseConnectionDetails connectionDetails;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (DatabricksSdkPreparer.aotProcessing()
				|| beanFactory.getBeanNamesForType(WorkspaceClient.class, true, false).length > 0) {
			return;
		}
		if (hasOtherThan(beanFactory, LakebaseConnectionDetails.class, DETAILS_BEAN)
				|| hasOtherThan(beanFactory, LakebaseWorkspaceDetails.class, WORKSPACE_DETAILS_BEAN)) {
			// The application's own details (or the emulator's): nothing to work out
			return;
		}
		LakebaseProperties properties = Binder.get(this.environment).bindOrCreate("lakebase", LakebaseProperties.class);
		WorkspaceClientFactory.Settings settings = properties.getDatabricks().settings(this.environment);
		LakebaseWorkspace workspace = new LakebaseWorkspace(
				SingletonSupplier.of(() -> WorkspaceClientFactory.create(settings)));
		CompletableFuture<ResolvedConnection> connection = DatabricksSdkPreparer.inBackground(
				"lakebase-connection-resolution",
				() -> new ConnectionResolver(properties.connectionSettings(), this.environment, workspace.client())
					.resolve());
		if (properties.getPool().isScaleToZero()) {
			// Read right after the endpoint is found, on the resolution's thread (or
			// here, if
			// it has already finished)
			connection.thenAccept((resolved) -> workspace.suspendTimeout(resolved.target(),
					properties.getPool().getDefaultSuspendTimeout()));
		}
		this.workspace = workspace;
		this.connectionDetails = new PropertiesLakebaseConnectionDetails(joining(connection));
	}

	private static boolean hasOtherThan(ConfigurableListableBeanFactory beanFactory, Class<?> type, String own) {
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			if (!own.equals(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the workspace the early resolution works the connection out with, or
	 * {@code null} if it did not start.
	 * @return the workspace
	 */
	@Nullable LakebaseWorkspace workspace() {
		return this.workspace;
	}

	/**
	 * Return the connection details the early resolution works out, or {@code null} if it
	 * did not start. Their failure is thrown as it was thrown on the resolution's thread.
	 * @return the connection details
	 */
	@Nullable LakebaseConnectionDetails connectionDetails() {
		return this.connectionDetails;
	}

	/**
	 * Return a supplier that waits for the future and throws its failure as it was
	 * thrown.
	 * @param <T> the type of the result
	 * @param future the future
	 * @return the supplier
	 */
	static <T> Supplier<T> joining(CompletableFuture<T> future) {
		return () -> {
			try {
				return future.join();
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
