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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.WakeMode;

import org.springframework.context.annotation.Import;

/**
 * Runs a {@link LakebaseEmulator} for the application context whose configuration carries
 * this annotation, and points the Lakebase DataSource at it: the emulator starts while
 * the configuration is read, its connection (host, endpoint, role) and workspace (URL and
 * the service principal's OAuth client) become the context's
 * {@code LakebaseConnectionDetails} and {@code LakebaseWorkspaceDetails} beans, used
 * instead of what {@code lakebase.*} properties say, so the DataSource mints its
 * credentials through the Databricks SDK as on Databricks Apps; the emulator is a bean
 * (inject it to arrange or inspect a test) and closes with the context. One declaration
 * serves tests and dev time:
 *
 * <pre class="code">
 * &#64;TestConfiguration(proxyBeanMethods = false)
 * &#64;ImportLakebaseEmulator
 * class LakebaseEmulatorConfiguration {
 * }
 *
 * &#64;SpringBootTest
 * &#64;Import(LakebaseEmulatorConfiguration.class)
 * class MyApplicationTests { ... }
 *
 * class TestMyApplication { // ./mvnw spring-boot:test-run
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(LakebaseEmulatorConfiguration.class).run(args);
 *     }
 * }
 * </pre>
 *
 * Test classes that import the same configuration share one cached context, and so one
 * emulator.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(LakebaseEmulatorRegistrar.class)
public @interface ImportLakebaseEmulator {

	/**
	 * Lifetime of the database credentials the emulator mints, in Spring Boot's duration
	 * format ({@code 1h}, {@code 5s}).
	 * @return the token lifetime
	 */
	String tokenLifetime() default "1h";

	/**
	 * How a suspended endpoint answers connects while it wakes.
	 * @return the wake mode
	 */
	WakeMode wakeMode() default WakeMode.HOLD;

	/**
	 * How long a suspended endpoint takes to wake, in Spring Boot's duration format.
	 * @return the wake delay
	 */
	String wakeDelay() default "300ms";

	/**
	 * Idle time after which endpoints suspend themselves, in Spring Boot's duration
	 * format; empty (the default) for never.
	 * @return the idle time, or empty
	 */
	String autoSuspendAfter() default "";

	/**
	 * Branches besides {@code production}, each with its own copy of the database.
	 * @return the branch ids
	 */
	String[] branches() default {};

	/**
	 * Whether the production branch has a read-only endpoint.
	 * @return whether to add a read-only endpoint
	 */
	boolean readOnlyEndpoint() default false;

	/**
	 * The app name handed out as {@code PGAPPNAME} ({@code lakebase.application-name}).
	 * @return the app name
	 */
	String appName() default "lakebase-emulator-app";

	/**
	 * PostgreSQL's {@code max_connections}: 104, as a compute of 0.5 CU, by default; the
	 * endpoint reports the compute size that allows as many.
	 * @return the connection limit
	 */
	int maxConnections() default 104;

}
