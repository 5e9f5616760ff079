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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.autoconfigure.LakebaseWorkspaceDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/**
 * Creates the branch of an {@link ImportLakebaseBranch} while the configuration is read,
 * points the context's Lakebase DataSource at it, and deletes it when the context closes.
 * The branch is created in the workspace of the emulator's details, if an emulator is
 * imported before it, else in the one the Lakebase DataSource is configured with. The
 * DataSource is pointed at it through the {@code lakebase.*} properties, and, when
 * connection details come from a bean (the emulator's, or the application's own), through
 * connection details of the branch on top of them.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseBranchRegistrar extends ContextResourceRegistrar {

	static final String BEAN_NAME = "lakebaseEphemeralBranch";

	static final String CONNECTION_DETAILS_BEAN = "lakebaseBranchConnectionDetails";

	/**
	 * The starter's own connection details, which it works out from the properties.
	 */
	private static final String STARTERS_DETAILS_BEAN = "lakebaseConnectionDetails";

	LakebaseBranchRegistrar() {
		super(BEAN_NAME);
	}

	@Override
	void register(AnnotationMetadata metadata, DefaultListableBeanFactory beans) {
		MergedAnnotation<ImportLakebaseBranch> annotation = metadata.getAnnotations().get(ImportLakebaseBranch.class);
		String project = project(singleton(beans, LakebaseConnectionDetails.class));
		String id = EphemeralBranch.nameForRun(annotation.getString("prefix"));
		EphemeralBranch branch = EphemeralBranch.create(workspace(singleton(beans, LakebaseWorkspaceDetails.class)),
				project, annotation.getString("parent"), id, duration(annotation, "ttl"),
				annotation.getBoolean("keepOnFailure"));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("lakebase.project", project);
		properties.put("lakebase.branch", id);
		// The branch's endpoint and host are looked up: what names another endpoint steps
		// back, read-only ones too (a new branch has no read-only endpoint: read-only
		// transactions go to its primary)
		properties.put("lakebase.endpoint", "");
		properties.put("lakebase.endpoint-id", "");
		properties.put("lakebase.host", "");
		properties.put("lakebase.read-only.endpoint", "");
		properties.put("lakebase.read-only.host", "");
		register(beans, branch, branch::close);
		addFirst(properties);
		RootBeanDefinition details = new RootBeanDefinition(BranchDetailsPostProcessor.class,
				() -> new BranchDetailsPostProcessor(branch));
		details.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		beans.registerBeanDefinition(BranchDetailsPostProcessor.class.getName(), details);
	}

	/**
	 * Return the one singleton of a type registered so far (the emulator's details, when
	 * it is imported before the branch).
	 */
	private static <T> @Nullable T singleton(DefaultListableBeanFactory beans, Class<T> type) {
		for (String name : beans.getSingletonNames()) {
			Object singleton = beans.getSingleton(name);
			if (type.isInstance(singleton)) {
				return type.cast(singleton);
			}
		}
		return null;
	}

	private String project(@Nullable LakebaseConnectionDetails details) {
		String project = environment().getProperty("lakebase.project");
		if (StringUtils.hasText(project)) {
			return project.trim();
		}
		List<String> endpoints = new ArrayList<>();
		if (details != null && details.getEndpoint() != null) {
			endpoints.add(details.getEndpoint());
		}
		for (String name : new String[] { "lakebase.endpoint", "LAKEBASE_ENDPOINT" }) {
			endpoints.add(environment().getProperty(name));
		}
		for (String endpoint : endpoints) {
			if (StringUtils.hasText(endpoint) && endpoint.trim().startsWith("projects/")) {
				return endpoint.trim().split("/")[1];
			}
		}
		throw new IllegalStateException("@ImportLakebaseBranch needs the project to create the branch in: set "
				+ "lakebase.project, or lakebase.endpoint or LAKEBASE_ENDPOINT to an endpoint of the project");
	}

	private WorkspaceClient workspace(@Nullable LakebaseWorkspaceDetails details) {
		DatabricksConfig config = new DatabricksConfig();
		if (details != null) {
			config.setHost(details.getHost());
			config.setClientId(details.getClientId());
			config.setClientSecret(details.getClientSecret());
			config.setToken(details.getToken());
			return new WorkspaceClient(config);
		}
		setIfPresent("host", "DATABRICKS_HOST", config::setHost);
		setIfPresent("client-id", "DATABRICKS_CLIENT_ID", config::setClientId);
		setIfPresent("client-secret", "DATABRICKS_CLIENT_SECRET", config::setClientSecret);
		setIfPresent("token", "DATABRICKS_TOKEN", config::setToken);
		setIfPresent("profile", "DATABRICKS_CONFIG_PROFILE", config::setProfile);
		setIfPresent("config-file", "DATABRICKS_CONFIG_FILE", config::setConfigFile);
		return new WorkspaceClient(config);
	}

	/**
	 * Set a workspace setting as the Lakebase DataSource reads it: its
	 * {@code lakebase.databricks.*} property, else its variable from the environment
	 * (which the SDK reads from the process too).
	 */
	private void setIfPresent(String property, String variable, Consumer<String> setter) {
		String value = environment().getProperty("lakebase.databricks." + property);
		value = StringUtils.hasText(value) ? value : environment().getProperty(variable);
		if (StringUtils.hasText(value)) {
			setter.accept(value.trim());
		}
	}

	/**
	 * Once every bean is defined: puts the branch's connection details on top of
	 * connection details that come from a bean, which would otherwise connect the
	 * application to the parent. The starter's own details read the branch's properties.
	 */
	static final class BranchDetailsPostProcessor implements BeanFactoryPostProcessor {

		private final EphemeralBranch branch;

		BranchDetailsPostProcessor(EphemeralBranch branch) {
			this.branch = branch;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			List<String> parents = new ArrayList<>();
			for (String name : beanFactory.getBeanNamesForType(LakebaseConnectionDetails.class, true, false)) {
				if (!STARTERS_DETAILS_BEAN.equals(name) && !CONNECTION_DETAILS_BEAN.equals(name)) {
					parents.add(name);
				}
			}
			if (parents.isEmpty()) {
				return;
			}
			if (parents.size() > 1) {
				throw new IllegalStateException("@ImportLakebaseBranch points one LakebaseConnectionDetails bean at "
						+ "the run's branch, and the context has " + parents.size() + ": " + parents);
			}
			String parent = parents.get(0);
			RootBeanDefinition details = new RootBeanDefinition(LakebaseConnectionDetails.class,
					() -> new BranchConnectionDetails(
							() -> beanFactory.getBean(parent, LakebaseConnectionDetails.class), this.branch));
			details.setPrimary(true);
			((BeanDefinitionRegistry) beanFactory).registerBeanDefinition(CONNECTION_DETAILS_BEAN, details);
		}

	}

}
