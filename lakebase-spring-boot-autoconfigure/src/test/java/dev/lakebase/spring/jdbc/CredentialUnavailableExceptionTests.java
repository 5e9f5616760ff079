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

package dev.lakebase.spring.jdbc;

import java.time.Duration;

import dev.lakebase.spring.LakebaseConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CredentialUnavailableException}: a login without a credential fails as an
 * authorization failure ({@code 28000}) whose message says why and what to do.
 */
class CredentialUnavailableExceptionTests {

	private static final String TARGET = "endpoint projects/p/branches/b/endpoints/e";

	@Test
	void afterAFailedMintTheMessageCarriesTheCauseAndTheFix() {
		IllegalStateException cause = new IllegalStateException("HTTP 503");
		CredentialUnavailableException ex = CredentialUnavailableException.after(cause, TARGET,
				"the workspace answered HTTP 503", "Check that the workspace is reachable.");
		assertThat(ex.getSQLState()).isEqualTo("28000");
		assertThat((Throwable) ex).hasMessage("No valid Lakebase database credential for " + TARGET
				+ ": the last attempt to obtain one failed with the workspace answered HTTP 503. "
				+ "Check that the workspace is reachable.");
		assertThat(ex.getCause()).isInstanceOf(LakebaseConfigurationException.class);
		assertThat(ex.getCause().getCause()).isSameAs(cause);
	}

	@Test
	void aConfigurationFailureIsReportedAsItIs() {
		LakebaseConfigurationException configuration = new LakebaseConfigurationException("No permission.",
				"Grant it.");
		CredentialUnavailableException ex = CredentialUnavailableException.after(configuration, TARGET, "ignored",
				"ignored");
		assertThat((Throwable) ex).hasMessage("No permission. Grant it.");
		assertThat(ex.getCause()).isSameAs(configuration);
	}

	@Test
	void waitingTooLongNamesTheTimeoutProperty() {
		CredentialUnavailableException timedOut = CredentialUnavailableException.timedOut(Duration.ofSeconds(10),
				TARGET);
		assertThat(timedOut.getSQLState()).isEqualTo("28000");
		assertThat((Throwable) timedOut).hasMessageContaining("Timed out after 10000 ms")
			.hasMessageContaining("(lakebase.credentials.timeout)");
		assertThat((Throwable) CredentialUnavailableException.closed(TARGET)).hasMessageContaining("shutting down");
		InterruptedException interrupted = new InterruptedException();
		assertThat((Throwable) CredentialUnavailableException.interrupted(TARGET, interrupted)).hasCause(interrupted);
	}

}
