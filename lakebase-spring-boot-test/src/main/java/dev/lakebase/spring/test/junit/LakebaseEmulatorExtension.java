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
package dev.lakebase.spring.test.junit;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.LakebaseEmulatorBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that starts one {@link LakebaseEmulator} per test class and
 * stops it after the class. Register it on a static field to configure the emulator:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final LakebaseEmulatorExtension lakebase = new LakebaseEmulatorExtension(
 *         LakebaseEmulator.builder().tokenLifetime(Duration.ofSeconds(5)));
 * </pre>
 *
 * or use {@code @ExtendWith(LakebaseEmulatorExtension.class)} for the defaults. Test
 * methods and constructors can declare a {@link LakebaseEmulator} parameter.
 * {@code @Nested} classes share the emulator of the class that declares the extension.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private final LakebaseEmulatorBuilder builder;

	private @Nullable LakebaseEmulator emulator;

	/** The class whose callbacks started the emulator: its nested classes share it. */
	private @Nullable String owner;

	/**
	 * Create an extension for an emulator with the default settings.
	 */
	public LakebaseEmulatorExtension() {
		this(LakebaseEmulator.builder());
	}

	/**
	 * Create an extension for an emulator with the given settings.
	 * @param builder the emulator settings
	 */
	public LakebaseEmulatorExtension(LakebaseEmulatorBuilder builder) {
		this.builder = builder;
	}

	/**
	 * Return the running emulator, starting it if a test asks before the class callback
	 * ran.
	 * @return the emulator
	 */
	public synchronized LakebaseEmulator emulator() {
		if (this.emulator == null) {
			this.emulator = this.builder.start();
		}
		return this.emulator;
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		if (this.owner == null) {
			this.owner = context.getUniqueId();
		}
		emulator();
	}

	/**
	 * Stop the emulator after the class that started it, not after each of its
	 * {@code @Nested} classes.
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.owner != null && !this.owner.equals(context.getUniqueId())) {
			return;
		}
		this.owner = null;
		if (this.emulator != null) {
			this.emulator.close();
			this.emulator = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == LakebaseEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator();
	}

}
