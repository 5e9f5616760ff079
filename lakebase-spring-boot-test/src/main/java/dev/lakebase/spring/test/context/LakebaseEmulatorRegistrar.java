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

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorBuilder;
import dev.lakebase.spring.test.WakeMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Starts the emulator of an {@link ImportLakebaseEmulator} while the configuration is
 * read, and registers it as a bean that the context closes, beside its connection and
 * workspace details: the Lakebase auto-configuration uses them instead of its own, which
 * it works out from the environment.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseEmulatorRegistrar extends ContextResourceRegistrar {

	static final String BEAN_NAME = "lakebaseEmulator";

	static final String CONNECTION_DETAILS_BEAN = "lakebaseEmulatorConnectionDetails";

	static final String WORKSPACE_DETAILS_BEAN = "lakebaseEmulatorWorkspaceDetails";

	private static final Log logger = LogFactory.getLog(LakebaseEmulatorRegistrar.class);

	LakebaseEmulatorRegistrar() {
		super(BEAN_NAME);
	}

	@Override
	void register(AnnotationMetadata metadata, DefaultListableBeanFactory beans) {
		LakebaseEmulator emulator = settings(metadata.getAnnotations().get(ImportLakebaseEmulator.class)).start();
		register(beans, emulator, emulator::close);
		beans.registerSingleton(CONNECTION_DETAILS_BEAN, EmulatorDetails.connection(emulator,
				environment().getProperty("lakebase.pooler.enabled", Boolean.class, false)));
		beans.registerSingleton(WORKSPACE_DETAILS_BEAN, EmulatorDetails.workspace(emulator));
		logger.info("Lakebase DataSource points at the emulator: endpoint " + emulator.endpoint().path() + " at "
				+ emulator.endpoint().host() + ":" + emulator.endpoint().port() + ", workspace "
				+ emulator.workspace().url());
	}

	static LakebaseEmulatorBuilder settings(MergedAnnotation<ImportLakebaseEmulator> annotation) {
		LakebaseEmulatorBuilder builder = LakebaseEmulator.builder()
			.tokenLifetime(duration(annotation, "tokenLifetime"))
			.wakeMode(annotation.getEnum("wakeMode", WakeMode.class))
			.wakeDelay(duration(annotation, "wakeDelay"))
			.appName(annotation.getString("appName"))
			.maxConnections(annotation.getInt("maxConnections"));
		if (!annotation.getString("autoSuspendAfter").isEmpty()) {
			builder.autoSuspendAfter(duration(annotation, "autoSuspendAfter"));
		}
		for (String branch : annotation.getStringArray("branches")) {
			builder.branch(branch);
		}
		if (annotation.getBoolean("readOnlyEndpoint")) {
			builder.readOnlyEndpoint();
		}
		return builder;
	}

}
