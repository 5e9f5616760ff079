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

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The executor the PostgreSQL driver runs a connection attempt on when a login timeout
 * applies (its {@code connectExecutor} property): the driver waits at most the login
 * timeout for the attempt and abandons it after that. Without it, the driver starts a new
 * thread for every attempt, which costs as much as 8 % of a login on a loaded 2-core
 * machine (benchmark 2); this executor runs the attempts on daemon threads that are
 * reused while logins keep coming and end after a minute without any, so that an idle
 * application keeps none. As the driver requires, an interrupt (the driver's abandoning
 * an attempt) does not outlive the attempt. The driver creates an instance by name for
 * each attempt; all of them share one set of threads.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class LakebaseConnectExecutor implements Executor {

	private static final AtomicLong threadCount = new AtomicLong();

	private static final ThreadFactory threadFactory = (task) -> {
		Thread thread = new Thread(task, "lakebase-connect-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	};

	// As many threads as attempts at once, as the driver's own; idle ones end after
	// a minute. The pool clears a worker's interrupt before its next task.
	private static final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
			new SynchronousQueue<>(), threadFactory);

	/**
	 * The name of this class if the PostgreSQL driver can load it by that name (it always
	 * can when both are on one class path), or {@code null}.
	 */
	static final @Nullable String NAME_FOR_DRIVER = nameForDriver();

	/**
	 * Create an executor; the driver calls this for every connection attempt.
	 */
	public LakebaseConnectExecutor() {
	}

	@Override
	public void execute(Runnable attempt) {
		threads.execute(attempt);
	}

	private static @Nullable String nameForDriver() {
		String name = LakebaseConnectExecutor.class.getName();
		try {
			return (Class.forName(name, false, org.postgresql.Driver.class.getClassLoader()) != null) ? name : null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
