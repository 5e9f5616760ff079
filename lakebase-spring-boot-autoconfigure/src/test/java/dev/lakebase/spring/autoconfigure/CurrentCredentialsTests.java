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

import java.time.Duration;

import com.zaxxer.hikari.util.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HikariCP's credentials for the current token: one object per token, a new one as soon
 * as the token changes, nothing before a credential is cached.
 */
class CurrentCredentialsTests {

	private final RefreshingCredentialsTests.MutableClock clock = new RefreshingCredentialsTests.MutableClock();

	private final RefreshingCredentialsTests.CountingSource source = new RefreshingCredentialsTests.CountingSource(
			this.clock, Duration.ofMinutes(60));

	private final RefreshingCredentials credentials = new RefreshingCredentials(() -> this.source, settings(),
			this.clock);

	private final CurrentCredentials current = new CurrentCredentials("app-user", this.credentials);

	@AfterEach
	void close() {
		this.credentials.destroy();
	}

	private static LakebaseProperties.Credentials settings() {
		LakebaseProperties.Credentials settings = new LakebaseProperties.Credentials();
		settings.setRefreshWindow(Duration.ofMinutes(5));
		settings.setTimeout(Duration.ofSeconds(5));
		return settings;
	}

	@Test
	void noPasswordBeforeACredentialIsCached() {
		Credentials credentials = this.current.getCredentials();
		assertThat(credentials.getUsername()).isEqualTo("app-user");
		assertThat(credentials.getPassword()).isNull();
		assertThat(this.source.attempts.get()).as("never mints").isZero();
	}

	@Test
	void oneObjectPerTokenAndANewOneWhenTheTokenChanges() throws Exception {
		String first = this.credentials.token();
		Credentials forFirst = this.current.getCredentials();
		assertThat(forFirst.getUsername()).isEqualTo("app-user");
		assertThat(forFirst.getPassword()).isEqualTo(first);
		for (int i = 0; i < 100; i++) {
			assertThat(this.current.getCredentials()).isSameAs(forFirst);
		}
		this.clock.advance(Duration.ofMinutes(61));
		String second = this.credentials.token();
		assertThat(second).isNotEqualTo(first);
		Credentials forSecond = this.current.getCredentials();
		assertThat(forSecond.getPassword()).isEqualTo(second);
		assertThat(forSecond).isNotSameAs(forFirst);
		assertThat(this.current.getCredentials()).isSameAs(forSecond);
	}

}
