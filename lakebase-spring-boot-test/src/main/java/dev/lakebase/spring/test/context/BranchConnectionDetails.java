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

import java.util.function.Supplier;

import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The connection details of a run's branch: those of its parent connection (the same
 * identity, database and TLS settings), at the branch's read-write endpoint, looked up
 * once, on first use.
 *
 * @author Lakebase Spring Boot contributors
 */
final class BranchConnectionDetails implements LakebaseConnectionDetails {

	private final Supplier<LakebaseConnectionDetails> parent;

	private final Supplier<EphemeralBranch.Endpoint> endpoint;

	BranchConnectionDetails(Supplier<LakebaseConnectionDetails> parent, EphemeralBranch branch) {
		this.parent = SingletonSupplier.of(parent);
		this.endpoint = SingletonSupplier.of(branch::readWriteEndpoint);
	}

	/**
	 * Return the branch endpoint's host: its pooler's when the details it stands in for
	 * connect through their endpoint's pooler.
	 */
	@Override
	public String getHost() {
		String pooled = this.endpoint.get().pooledHost();
		return (this.parent.get().getDirectHost() != null && pooled != null) ? pooled : this.endpoint.get().host();
	}

	@Override
	public @Nullable String getDirectHost() {
		return (this.parent.get().getDirectHost() != null && this.endpoint.get().pooledHost() != null)
				? this.endpoint.get().host() : null;
	}

	@Override
	public String getEndpoint() {
		return this.endpoint.get().path();
	}

	@Override
	public @Nullable String getInstanceName() {
		return null;
	}

	@Override
	public int getPort() {
		return this.parent.get().getPort();
	}

	@Override
	public String getDatabase() {
		return this.parent.get().getDatabase();
	}

	@Override
	public @Nullable String getUsername() {
		return this.parent.get().getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.parent.get().getPassword();
	}

	@Override
	public String getSslMode() {
		return this.parent.get().getSslMode();
	}

	@Override
	public @Nullable String getSslRootCert() {
		return this.parent.get().getSslRootCert();
	}

	@Override
	public @Nullable String getApplicationName() {
		return this.parent.get().getApplicationName();
	}

	@Override
	public String toString() {
		return "BranchConnectionDetails[" + this.endpoint.get().path() + "]";
	}

}
