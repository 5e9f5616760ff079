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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A steady load of mixed writes and reads on a DataSource, with a ledger of every write
 * that was acknowledged, so a scenario can tell what failed and what was lost.
 */
final class Workload implements AutoCloseable {

	private static final AtomicLong ids = new AtomicLong();

	private final String scenario;

	private final JdbcTemplate jdbc;

	private final List<Thread> workers = new ArrayList<>();

	private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);

	private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	private final AtomicLong ok = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong slowestNanos = new AtomicLong();

	private volatile boolean running = true;

	Workload(String scenario, DataSource dataSource, int threads) {
		this.scenario = scenario;
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (id bigint PRIMARY KEY, scenario text NOT NULL)");
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(this::work, scenario + "-worker-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	private void work() {
		boolean write = true;
		while (this.running) {
			this.gate.readLock().lock();
			long started = System.nanoTime();
			try {
				if (write) {
					long id = ids.incrementAndGet();
					this.jdbc.update("INSERT INTO ledger (id, scenario) VALUES (?, ?)", id, this.scenario);
					this.acknowledged.add(id);
				}
				else {
					this.jdbc.queryForObject("SELECT count(*) FROM ledger WHERE scenario = ?", Long.class,
							this.scenario);
				}
				this.ok.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				this.failures.computeIfAbsent(rootMessage(ex), (key) -> new AtomicLong()).incrementAndGet();
			}
			finally {
				this.slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
				this.gate.readLock().unlock();
			}
			write = !write;
			pause(5);
		}
	}

	/**
	 * Stop sending work and wait until no operation is in flight, so the database sees no
	 * activity.
	 */
	void hold() {
		this.gate.writeLock().lock();
	}

	void resume() {
		this.gate.writeLock().unlock();
	}

	long ok() {
		return this.ok.get();
	}

	long failed() {
		return this.failed.get();
	}

	Map<String, AtomicLong> failures() {
		return this.failures;
	}

	Duration slowest() {
		return Duration.ofNanos(this.slowestNanos.get());
	}

	void awaitOk(long more, Duration bound) {
		long target = this.ok.get() + more;
		long deadline = System.nanoTime() + bound.toNanos();
		while (this.ok.get() < target && System.nanoTime() < deadline) {
			pause(20);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread worker : this.workers) {
			worker.join(TimeUnit.SECONDS.toMillis(60));
		}
	}

	/**
	 * Count the acknowledged writes that are not in the database, reading with a fresh
	 * connection after the load stopped.
	 * @return the number of lost writes
	 */
	long lost() {
		Set<Long> stored = new HashSet<>(
				this.jdbc.queryForList("SELECT id FROM ledger WHERE scenario = ?", Long.class, this.scenario));
		return this.acknowledged.stream().filter((id) -> !stored.contains(id)).count();
	}

	/**
	 * Stop the load and print the scenario's line.
	 * @return the line {@code scenario: N ok, M failed, K lost}
	 */
	String report() throws InterruptedException {
		close();
		String line = this.scenario + ": " + ok() + " ok, " + failed() + " failed, " + lost() + " lost";
		System.out.println(line + (this.failures.isEmpty() ? "" : " " + this.failures));
		return line;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			root = cause;
			messages.append(cause.getMessage()).append(" | ");
		}
		String text = messages.toString();
		return (text.length() > 300) ? root.getClass().getSimpleName() + ": " + root.getMessage() : text;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
