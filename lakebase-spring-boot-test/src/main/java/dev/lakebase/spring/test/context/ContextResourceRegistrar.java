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

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Starts a resource for an application context while its configuration is read, before
 * the auto-configuration's conditions are evaluated: the resource becomes a bean that the
 * context closes, beside what it supplies (connection details, or properties). One per
 * context.
 *
 * @author Lakebase Spring Boot contributors
 */
abstract class ContextResourceRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private final String beanName;

	@SuppressWarnings("NullAway.Init") // set by the container before registration
	private ConfigurableEnvironment environment;

	ContextResourceRegistrar(String beanName) {
		this.beanName = beanName;
	}

	@Override
	public void setEnvironment(Environment environment) {
		Assert.isInstanceOf(ConfigurableEnvironment.class, environment);
		this.environment = (ConfigurableEnvironment) environment;
	}

	ConfigurableEnvironment environment() {
		return this.environment;
	}

	/**
	 * Register the resource, except while Spring processes the context ahead of time (a
	 * build step that starts nothing: the resource would outlive it, and a branch would
	 * be created for no run).
	 */
	@Override
	public final void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			return;
		}
		if (registry instanceof DefaultListableBeanFactory beans && !beans.containsSingleton(this.beanName)) {
			register(metadata, beans);
		}
	}

	/**
	 * Start the resource and
	 * {@link #register(DefaultListableBeanFactory, Object, DisposableBean) register} it.
	 * @param metadata the configuration class that imported it
	 * @param beans the context's bean factory
	 */
	abstract void register(AnnotationMetadata metadata, DefaultListableBeanFactory beans);

	void register(DefaultListableBeanFactory beans, Object resource, DisposableBean closer) {
		beans.registerSingleton(this.beanName, resource);
		beans.registerDisposableBean(this.beanName, closer);
	}

	/**
	 * Add properties to the environment ahead of all others.
	 * @param properties the properties
	 */
	void addFirst(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource(this.beanName, properties));
	}

	static <A extends Annotation> Duration duration(MergedAnnotation<A> annotation, String attribute) {
		String value = annotation.getString(attribute);
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("@" + annotation.getType().getSimpleName() + "(" + attribute + " = \""
					+ value + "\") is not a duration such as 300ms, 5s or 1h", ex);
		}
	}

}
