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

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * Pool defaults that let an idle app release a Lakebase compute: HikariCP's own defaults
 * keep {@code maximumPoolSize} connections open and ping them every two minutes, which
 * keeps the endpoint awake and billing. Applied only to values the user did not set under
 * {@code spring.datasource.hikari.*}, and not for an endpoint that never suspends.
 *
 * @author Lakebase Spring Boot contributors
 */
final class ScaleToZeroPoolDefaults {

	/** HikariCP's smallest idle timeout. */
	static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);

	/** Covers HikariCP's housekeeping period (30 s), which retires idle connections. */
	static final Duration HOUSEKEEPING_MARGIN = Duration.ofSeconds(35);

	private static final Log logger = LogFactory.getLog(ScaleToZeroPoolDefaults.class);

	private ScaleToZeroPoolDefaults() {
	}

	static void apply(HikariDataSource dataSource, Binder binder, Duration suspendTimeout) {
		if (ResolvedConnection.Target.NEVER_SUSPENDS.equals(suspendTimeout)) {
			logger.info("Lakebase pool '" + dataSource.getPoolName() + "' keeps HikariCP's defaults: its endpoint "
					+ "never suspends (no_suspension), so idle connections cost nothing extra.");
			return;
		}
		StringBuilder applied = new StringBuilder();
		if (!isSet(binder, "minimum-idle")) {
			dataSource.setMinimumIdle(0);
			applied.append("minimumIdle=0, ");
		}
		if (!isSet(binder, "keepalive-time")) {
			dataSource.setKeepaliveTime(0);
			applied.append("keepalive off, ");
		}
		if (!isSet(binder, "idle-timeout")) {
			Duration idleTimeout = idleTimeout(suspendTimeout);
			dataSource.setIdleTimeout(idleTimeout.toMillis());
			applied.append("idleTimeout=").append(idleTimeout.toSeconds()).append("s, ");
		}
		if (!applied.isEmpty()) {
			logger.info("Lakebase pool '" + dataSource.getPoolName() + "' lets the endpoint scale to zero ("
					+ applied.substring(0, applied.length() - 2) + "; endpoint suspend timeout "
					+ suspendTimeout.toSeconds()
					+ "s). Set lakebase.pool.scale-to-zero=false for an always-warm pool.");
		}
	}

	/**
	 * Return an idle timeout after which HikariCP has closed idle connections before the
	 * endpoint's suspend timeout runs out.
	 * @param suspendTimeout the endpoint's suspend timeout
	 * @return the idle timeout
	 */
	static Duration idleTimeout(Duration suspendTimeout) {
		Duration beforeSuspend = suspendTimeout.minus(HOUSEKEEPING_MARGIN);
		Duration half = suspendTimeout.dividedBy(2);
		Duration timeout = (beforeSuspend.compareTo(half) < 0) ? beforeSuspend : half;
		return (timeout.compareTo(MIN_IDLE_TIMEOUT) < 0) ? MIN_IDLE_TIMEOUT : timeout;
	}

	private static boolean isSet(Binder binder, String hikariProperty) {
		return binder.bind("spring.datasource.hikari." + hikariProperty, String.class).isBound();
	}

}
