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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code lakebase} health indicator, beside Spring Boot's own health
 * settings ({@code management.health.lakebase.enabled} turns the indicator off).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.lakebase")
public class LakebaseHealthProperties {

	/**
	 * How long the health indicator reuses the compute state it read from the workspace
	 * API (the endpoint's current_state or the instance's state). Reading it does not
	 * wake the compute. Zero turns the lookup off.
	 */
	private Duration computeStateTtl = Duration.ofSeconds(30);

	public Duration getComputeStateTtl() {
		return this.computeStateTtl;
	}

	public void setComputeStateTtl(Duration computeStateTtl) {
		this.computeStateTtl = computeStateTtl;
	}

}
