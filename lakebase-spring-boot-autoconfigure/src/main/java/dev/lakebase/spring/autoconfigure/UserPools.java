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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.spring.users.UserAccessException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;

/**
 * The pools of the app's users, one per identity, at most
 * {@code lakebase.users.max-pools}. A new user's pool takes the place of the least
 * recently used idle one when the cap is reached (closing it); when every pool is busy
 * the request is answered 503. Pools that have held no connection for a while are closed
 * as new ones are asked for.
 *
 * @author Lakebase Spring Boot contributors
 */
final class UserPools implements DisposableBean {

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/** How long an unused pool with no connection is kept, as AppKit sweeps them. */
	static final Duration SWEEP_AFTER = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(UserPools.class);

	private final int maxPools;

	private final Function<UserPool, HikariDataSource> factory;

	/** By identity, least recently used first. */
	private final Map<String, UserPool> pools = new LinkedHashMap<>(16, 0.75f, true);

	private boolean closed;

	private final ExecutorService housekeeping;

	/**
	 * Create the pools.
	 * @param maxPools pools at most
	 * @param factory opens a user's HikariCP pool (not started until first used)
	 * @param housekeeping the pools' shared housekeeping thread, shut down with them
	 */
	UserPools(int maxPools, Function<UserPool, HikariDataSource> factory, ExecutorService housekeeping) {
		this.maxPools = maxPools;
		this.factory = factory;
		this.housekeeping = housekeeping;
	}

	/**
	 * Return the pool of an identity, opened if it has none, and count a scope in it
	 * until {@link #release(UserPool)}.
	 * @param identity the user's identity
	 * @return the pool
	 * @throws UserAccessException (503) when the cap is reached and no pool is idle
	 */
	UserPool acquire(String identity) {
		List<UserPool> toClose = new ArrayList<>();
		UserPool pool;
		try {
			synchronized (this.pools) {
				if (this.closed) {
					throw new IllegalStateException("The user pools are closed");
				}
				sweep(toClose);
				pool = this.pools.get(identity);
				if (pool == null) {
					if (this.pools.size() >= this.maxPools) {
						toClose.add(evictIdle());
					}
					pool = new UserPool(identity);
					pool.open(this.factory.apply(pool));
					this.pools.put(identity, pool);
				}
				pool.enter();
			}
		}
		finally {
			toClose.forEach(UserPool::close);
		}
		return pool;
	}

	void release(UserPool pool) {
		pool.exit();
	}

	private UserPool evictIdle() {
		for (Iterator<UserPool> pools = this.pools.values().iterator(); pools.hasNext();) {
			UserPool pool = pools.next();
			if (pool.idle()) {
				pools.remove();
				return pool;
			}
		}
		logger.warn("Every one of the " + this.maxPools + " user pools is busy (lakebase.users.max-pools); "
				+ "answering a new user's request 503. Raise lakebase.users.max-pools if the compute's connection "
				+ "limit allows it.");
		throw new UserAccessException(HttpStatus.SERVICE_UNAVAILABLE,
				"Every user pool is busy (lakebase.users.max-pools=" + this.maxPools + ")", RETRY_AFTER, null);
	}

	/**
	 * Close the pools that hold no connection, run no scope, and were last used longer
	 * ago than {@link #SWEEP_AFTER}; call with the lock held.
	 */
	private void sweep(List<UserPool> toClose) {
		long now = System.nanoTime();
		for (Iterator<UserPool> pools = this.pools.values().iterator(); pools.hasNext();) {
			UserPool pool = pools.next();
			if (now - pool.lastUsedNanos() > TimeUnit.NANOSECONDS.convert(SWEEP_AFTER) && pool.idle()
					&& pool.connections() == 0) {
				pools.remove();
				toClose.add(pool);
			}
		}
	}

	/**
	 * Return how many user pools are open.
	 * @return the number of pools
	 */
	int poolCount() {
		synchronized (this.pools) {
			return this.pools.size();
		}
	}

	/**
	 * Return how many connections the user pools hold, in use or idle.
	 * @return the number of connections
	 */
	int connections() {
		return pools().stream().mapToInt(UserPool::connections).sum();
	}

	/**
	 * Return how many connections of the user pools are in use.
	 * @return the number of connections
	 */
	int activeConnections() {
		return pools().stream().mapToInt(UserPool::activeConnections).sum();
	}

	/**
	 * Return the most connections one user pool holds.
	 * @return the number of connections
	 */
	int maxPoolConnections() {
		return pools().stream().mapToInt(UserPool::connections).max().orElse(0);
	}

	private List<UserPool> pools() {
		synchronized (this.pools) {
			return new ArrayList<>(this.pools.values());
		}
	}

	@Override
	public void destroy() {
		List<UserPool> open;
		synchronized (this.pools) {
			this.closed = true;
			open = new ArrayList<>(this.pools.values());
			this.pools.clear();
		}
		open.forEach(UserPool::close);
		this.housekeeping.shutdownNow();
	}

}
