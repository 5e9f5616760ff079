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
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorBuilder;
import dev.lakebase.spring.test.WakeMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Starts the emulator of an {@link ImportLakebaseEmulator} while the configuration is
 * read, before any bean factory post-processor reads the environment (the Lakebase
 * auto-configuration works out its connection then), adds its connection to the
 * environment, and registers it as a bean that the context closes.
 *
 * @author Lakebase Spring Boot contributors
 */
final class LakebaseEmulatorRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String BEAN_NAME = "lakebaseEmulator";

	static final String PROPERTY_SOURCE_NAME = "lakebaseEmulator";

	private static final Log logger = LogFactory.getLog(LakebaseEmulatorRegistrar.class);

	@SuppressWarnings("NullAway.Init") // set by the container before registration
	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		Assert.isInstanceOf(ConfigurableEnvironment.class, environment);
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(BEAN_NAME) || !(registry instanceof DefaultListableBeanFactory beans)
				|| beans.containsSingleton(BEAN_NAME)) {
			return;
		}
		LakebaseEmulator emulator = settings(metadata.getAnnotations().get(ImportLakebaseEmulator.class)).start();
		beans.registerSingleton(BEAN_NAME, emulator);
		beans.registerDisposableBean(BEAN_NAME, emulator::close);
		Map<String, Object> properties = new LinkedHashMap<>(emulator.springProperties());
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
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

	private static Duration duration(MergedAnnotation<ImportLakebaseEmulator> annotation, String attribute) {
		String value = annotation.getString(attribute);
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("@ImportLakebaseEmulator(" + attribute + " = \"" + value
					+ "\") is not a duration such as 300ms, 5s or 1h", ex);
		}
	}

}
