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
import java.util.function.Consumer;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/**
 * Creates the branch of an {@link ImportLakebaseBranch} while the configuration is read,
 * points the context's Lakebase DataSource at it, and deletes it when the context closes.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseBranchRegistrar extends ContextResourceRegistrar {

	static final String BEAN_NAME = "lakebaseEphemeralBranch";

	LakebaseBranchRegistrar() {
		super(BEAN_NAME);
	}

	@Override
	void register(AnnotationMetadata metadata, DefaultListableBeanFactory beans) {
		MergedAnnotation<ImportLakebaseBranch> annotation = metadata.getAnnotations().get(ImportLakebaseBranch.class);
		String project = project();
		String id = EphemeralBranch.nameForRun(annotation.getString("prefix"));
		EphemeralBranch branch = EphemeralBranch.create(workspace(), project, annotation.getString("parent"), id,
				duration(annotation, "ttl"), annotation.getBoolean("keepOnFailure"));
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
		register(beans, branch, branch::close, properties);
	}

	private String project() {
		String project = environment().getProperty("lakebase.project");
		if (StringUtils.hasText(project)) {
			return project.trim();
		}
		for (String name : new String[] { "lakebase.endpoint", "LAKEBASE_ENDPOINT" }) {
			String endpoint = environment().getProperty(name);
			if (StringUtils.hasText(endpoint) && endpoint.trim().startsWith("projects/")) {
				String[] parts = endpoint.trim().split("/");
				return parts[1];
			}
		}
		throw new IllegalStateException("@ImportLakebaseBranch needs the project to create the branch in: set "
				+ "lakebase.project, or lakebase.endpoint or LAKEBASE_ENDPOINT to an endpoint of the project");
	}

	private WorkspaceClient workspace() {
		DatabricksConfig config = new DatabricksConfig();
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

}
