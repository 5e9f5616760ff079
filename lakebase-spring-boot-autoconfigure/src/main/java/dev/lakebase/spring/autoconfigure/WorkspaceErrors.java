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

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import dev.lakebase.spring.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns Databricks SDK errors into messages that name the cause and the fix. Never
 * includes a token: SDK error messages carry the workspace's answer, not the request.
 *
 * @author Lakebase Spring Boot contributors
 */
final class WorkspaceErrors {

	static final String AUTH_ACTION = "Check the workspace authentication: on Databricks Apps DATABRICKS_HOST, DATABRICKS_CLIENT_ID "
			+ "and DATABRICKS_CLIENT_SECRET are injected; locally set DATABRICKS_HOST with DATABRICKS_TOKEN, or a Databricks CLI "
			+ "profile (DATABRICKS_CONFIG_PROFILE or lakebase.databricks.profile).";

	private WorkspaceErrors() {
	}

	static LakebaseConfigurationException configurationFailure(String attempt, DatabricksException ex) {
		return new LakebaseConfigurationException(
				"Could not " + attempt + " in the Databricks workspace: " + describe(ex), action(ex), ex);
	}

	static String describe(Throwable ex) {
		DatabricksError error = databricksError(ex);
		if (error == null || error.getStatusCode() <= 0) {
			return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		}
		String answer = "HTTP " + error.getStatusCode() + " " + error.getErrorCode() + ": " + error.getMessage();
		return (error == ex) ? answer : ex.getMessage() + " (" + answer + ")";
	}

	/**
	 * Return the HTTP status of the workspace's answer behind a failure.
	 * @param ex the failure
	 * @return the status, or 0 when the workspace gave none
	 */
	static int status(Throwable ex) {
		DatabricksError error = databricksError(ex);
		return (error != null) ? error.getStatusCode() : 0;
	}

	private static @Nullable DatabricksError databricksError(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabricksError error) {
				return error;
			}
		}
		return null;
	}

	static String action(Throwable ex) {
		DatabricksError error = databricksError(ex);
		if (error != null) {
			return switch (error.getStatusCode()) {
				case 404 ->
					"Check the endpoint path or instance name (lakebase.endpoint / LAKEBASE_ENDPOINT for Autoscaling, "
							+ "lakebase.instance-name for Provisioned): an Autoscaling endpoint is not a Provisioned instance.";
				case 403 ->
					"Grant the identity permission to use the Lakebase project or instance (on Databricks Apps, add "
							+ "the database as an app resource).";
				case 401 -> AUTH_ACTION;
				default -> "Check that the workspace is reachable, then restart the application.";
			};
		}
		return AUTH_ACTION;
	}

}
