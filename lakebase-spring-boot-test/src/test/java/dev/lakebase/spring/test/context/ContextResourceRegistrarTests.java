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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.AnnotationMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ContextResourceRegistrar}: one resource per context, started while the
 * configuration is read and closed with the context; none while the context is processed
 * ahead of time; its properties ahead of all others; durations of the annotations read as
 * Spring Boot reads them, or a failure that names the attribute.
 */
class ContextResourceRegistrarTests {

	private final List<String> events = new ArrayList<>();

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void oneResourcePerContextClosedWithTheContext() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		TestRegistrar registrar = registrar();
		registrar.registerBeanDefinitions(AnnotationMetadata.introspect(Annotated.class), beans);
		registrar().registerBeanDefinitions(AnnotationMetadata.introspect(Annotated.class), beans);
		assertThat(this.events).containsExactly("started");
		assertThat(beans.getBean("testResource")).isEqualTo("resource");
		assertThat(this.environment.getPropertySources().iterator().next().getName()).isEqualTo("testResource");
		assertThat(this.environment.getProperty("test.resource")).isEqualTo("on");
		beans.destroySingletons();
		assertThat(this.events).containsExactly("started", "closed");
	}

	@Test
	void nothingStartsWhileTheContextIsProcessedAheadOfTime() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			registrar().registerBeanDefinitions(AnnotationMetadata.introspect(Annotated.class), beans);
		}
		finally {
			System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
		}
		assertThat(this.events).isEmpty();
		assertThat(beans.containsSingleton("testResource")).isFalse();
	}

	@Test
	void durationsAreReadAsSpringBootReadsThem() {
		MergedAnnotation<ImportLakebaseEmulator> defaults = MergedAnnotations.from(Annotated.class)
			.get(ImportLakebaseEmulator.class);
		assertThat(ContextResourceRegistrar.duration(defaults, "wakeDelay")).isEqualTo(Duration.ofMillis(300));
		assertThat(ContextResourceRegistrar.duration(defaults, "tokenLifetime")).isEqualTo(Duration.ofHours(1));
		MergedAnnotation<ImportLakebaseEmulator> invalid = MergedAnnotations.from(Invalid.class)
			.get(ImportLakebaseEmulator.class);
		assertThatIllegalArgumentException().isThrownBy(() -> ContextResourceRegistrar.duration(invalid, "wakeDelay"))
			.withMessage("@ImportLakebaseEmulator(wakeDelay = \"soon\") is not a duration such as 300ms, 5s or 1h");
	}

	private TestRegistrar registrar() {
		TestRegistrar registrar = new TestRegistrar(this.events);
		registrar.setEnvironment(this.environment);
		return registrar;
	}

	private static final class TestRegistrar extends ContextResourceRegistrar {

		private final List<String> events;

		TestRegistrar(List<String> events) {
			super("testResource");
			this.events = events;
		}

		@Override
		void register(AnnotationMetadata metadata, DefaultListableBeanFactory beans) {
			this.events.add("started");
			register(beans, "resource", () -> this.events.add("closed"));
			addFirst(Map.of("test.resource", "on"));
		}

	}

	@ImportLakebaseEmulator
	static class Annotated {

	}

	@ImportLakebaseEmulator(wakeDelay = "soon")
	static class Invalid {

	}

}
