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

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.jdbc.CredentialCache;
import dev.lakebase.spring.jdbc.CredentialSource;
import dev.lakebase.spring.jdbc.LakebaseEvents;
import dev.lakebase.spring.jdbc.LakebaseLoginDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LakebaseHikariBeanPostProcessor}: the {@code dataSource} built from Lakebase
 * connection details becomes a Lakebase pool, and nothing else is touched.
 */
class LakebaseHikariBeanPostProcessorTests {

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	private final CredentialCache credentials = new CredentialCache(
			() -> CredentialSource.nativePassword("secret-value", Clock.systemUTC()),
			new CredentialCache.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50),
					Duration.ofMillis(200)),
			Clock.systemUTC());

	private final HikariDataSource dataSource = new HikariDataSource();

	LakebaseHikariBeanPostProcessorTests() {
		LakebaseProperties properties = new LakebaseProperties();
		properties.getPool().setScaleToZero(false);
		this.beans.registerSingleton("properties", properties);
		this.beans.registerSingleton("credentials", this.credentials);
		this.beans.registerSingleton("workspace", new LakebaseWorkspace(() -> {
			throw new AssertionError("no workspace call without scale to zero");
		}));
	}

	@AfterEach
	void close() {
		this.dataSource.close();
		this.credentials.destroy();
	}

	@Test
	void theDataSourceOfLakebaseDetailsLogsInWithTheCachedCredential() throws Exception {
		this.beans.registerSingleton("details", details());
		Object processed = postProcessor().postProcessBeforeInitialization(this.dataSource, "dataSource");
		assertThat(processed).isSameAs(this.dataSource);
		assertThat(this.dataSource.getPoolName()).isEqualTo("lakebase");
		assertThat(this.dataSource.getDataSource()).isInstanceOf(LakebaseLoginDataSource.class);
		// The credential is fetched ahead of the pool's first login, in the background
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.dataSource.getCredentialsProvider().getCredentials().getPassword() == null
				&& System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.dataSource.getCredentialsProvider().getCredentials().getUsername()).isEqualTo("app-role");
		assertThat(this.dataSource.getCredentialsProvider().getCredentials().getPassword()).isEqualTo("secret-value");
		assertThat(this.credentials.mintCount()).isEqualTo(1);
	}

	@Test
	void aConfiguredPoolNameIsKept() {
		this.beans.registerSingleton("details", details());
		this.dataSource.setPoolName("orders");
		postProcessor().postProcessBeforeInitialization(this.dataSource, "dataSource");
		assertThat(this.dataSource.getPoolName()).isEqualTo("orders");
		assertThat(LakebaseHikariBeanPostProcessor.poolName(" ")).isEqualTo("lakebase");
		assertThat(LakebaseHikariBeanPostProcessor.poolName("orders")).isEqualTo("orders");
	}

	@Test
	void otherBeansAndDataSourcesOfOtherDetailsAreLeftAlone() {
		this.beans.registerSingleton("details", details());
		postProcessor().postProcessBeforeInitialization(this.dataSource, "reportingDataSource");
		assertThat(this.dataSource.getDataSource()).isNull();
		DefaultListableBeanFactory other = new DefaultListableBeanFactory();
		other.registerSingleton("details", new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://other.example.com/db";
			}

			@Override
			public String getUsername() {
				return "other";
			}

			@Override
			public String getPassword() {
				return "other";
			}

		});
		new LakebaseHikariBeanPostProcessor(other.getBeanProvider(JdbcConnectionDetails.class),
				this.beans.getBeanProvider(LakebaseWorkspace.class), this.beans.getBeanProvider(CredentialCache.class),
				this.beans.getBeanProvider(LakebaseProperties.class), new MockEnvironment(),
				this.beans.getBeanProvider(LakebaseEvents.class))
			.postProcessBeforeInitialization(this.dataSource, "dataSource");
		assertThat(this.dataSource.getDataSource()).isNull();
		assertThat(this.dataSource.getPoolName()).isNull();
	}

	private LakebaseHikariBeanPostProcessor postProcessor() {
		return new LakebaseHikariBeanPostProcessor(this.beans.getBeanProvider(JdbcConnectionDetails.class),
				this.beans.getBeanProvider(LakebaseWorkspace.class), this.beans.getBeanProvider(CredentialCache.class),
				this.beans.getBeanProvider(LakebaseProperties.class), new MockEnvironment(),
				this.beans.getBeanProvider(LakebaseEvents.class));
	}

	private static LakebaseConnectionDetails details() {
		return new LakebaseConnectionDetails() {

			@Override
			public String getHost() {
				return "instance.database.example.com";
			}

			@Override
			public String getUsername() {
				return "app-role";
			}

			@Override
			public String getPassword() {
				return "secret-value";
			}

		};
	}

}
