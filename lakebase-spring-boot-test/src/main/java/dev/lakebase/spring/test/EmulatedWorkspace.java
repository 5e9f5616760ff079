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
package dev.lakebase.spring.test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The emulator's fake Databricks workspace: its URL, the requests it received, and the
 * faults to inject into it (an HTTP error status or a hang, for the next N calls or for a
 * time window, on all calls or on one group).
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public final class EmulatedWorkspace {

	/**
	 * Group of workspace calls a fault applies to.
	 */
	public enum Target {

		/** Every call. */
		ANY,

		/** OAuth discovery and the token endpoint. */
		OAUTH,

		/** The two database credential APIs. */
		CREDENTIALS,

		/** Every other REST API (endpoints, instances, projects, current user). */
		RESOURCES

	}

	private static final class Rule {

		private final Target target;

		private final InjectedFault fault;

		private int remaining;

		private final @Nullable Long until;

		Rule(Target target, InjectedFault fault, int remaining, @Nullable Long until) {
			this.target = target;
			this.fault = fault;
			this.remaining = remaining;
			this.until = until;
		}

	}

	private final List<Rule> rules = new ArrayList<>();

	private final AtomicLong injected = new AtomicLong();

	/** Id of the fake workspace. */
	public static final String ID = "1234567890123456";

	private volatile @Nullable FakeWorkspace server;

	private @Nullable ExecutorService executor;

	EmulatedWorkspace() {
	}

	void start(EmulatorDirectory directory, Clock clock, BranchHost branches) throws IOException {
		ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("lakebase-workspace"));
		this.executor = executor;
		this.server = new FakeWorkspace(directory, directory.tokens(), clock, executor, branches);
	}

	void close() {
		FakeWorkspace current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Return the URL of the fake workspace, the value of {@code DATABRICKS_HOST}.
	 * @return the workspace URL
	 */
	public String url() {
		return server().url();
	}

	/**
	 * Return how many requests the fake workspace received for a path, for example
	 * {@code /api/2.0/preview/scim/v2/Me}, answered or failed.
	 * @param path the request path, without query
	 * @return the number of requests
	 */
	public int requests(String path) {
		return server().requestCount(path);
	}

	/**
	 * Return how many requests the fake workspace received in all, for any path.
	 * @return the number of requests
	 */
	public int requests() {
		return server().requestCount();
	}

	/**
	 * Return the {@code User-Agent} headers the fake workspace received, each once.
	 * @return the user agents
	 */
	public Set<String> userAgents() {
		return server().userAgents();
	}

	private FakeWorkspace server() {
		FakeWorkspace current = this.server;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current;
	}

	/**
	 * Answer the next {@code count} calls of the target group with an HTTP status.
	 * @param target the calls affected
	 * @param count how many calls fail
	 * @param status the HTTP status, for example 500 or 503
	 */
	public void failNext(Target target, int count, int status) {
		add(target, new InjectedFault(requireErrorStatus(status), Duration.ZERO), count, null);
	}

	/**
	 * Answer every call of the target group with an HTTP status for a time window.
	 * @param target the calls affected
	 * @param window how long calls fail, from now
	 * @param status the HTTP status, for example 500 or 503
	 */
	public void failFor(Target target, Duration window, int status) {
		add(target, new InjectedFault(requireErrorStatus(status), Duration.ZERO), Integer.MAX_VALUE, deadline(window));
	}

	/**
	 * Answer the calls of a target group after a delay, as a slow workspace does, until
	 * the delay is set to zero.
	 * @param target the calls affected
	 * @param delay how long each call waits before it is answered
	 */
	public void delay(Target target, Duration delay) {
		server().delay(target, LakebaseEmulatorBuilder.requireNonNegative(delay));
	}

	/**
	 * Forget the most calls at once counted so far, to count them from now on.
	 */
	public void resetMaxConcurrentRequests() {
		server().resetMaxConcurrentRequests();
	}

	/**
	 * Return the most calls of a path the workspace answered at once so far.
	 * @param path the path, such as {@code /api/2.0/postgres/credentials}
	 * @return the most calls at once
	 */
	public int maxConcurrentRequests(String path) {
		return server().maxConcurrentRequests(path);
	}

	/**
	 * Hang the next {@code count} calls of the target group: each is held for
	 * {@code hang}, then answered 503.
	 * @param target the calls affected
	 * @param count how many calls hang
	 * @param hang how long each call is held
	 */
	public void hangNext(Target target, int count, Duration hang) {
		add(target, new InjectedFault(0, Objects.requireNonNull(hang)), count, null);
	}

	/**
	 * Hang every call of the target group that arrives within a time window; each is held
	 * until the window ends, then answered 503.
	 * @param target the calls affected
	 * @param window how long calls hang, from now
	 */
	public void hangFor(Target target, Duration window) {
		add(target, new InjectedFault(0, null), Integer.MAX_VALUE, deadline(window));
	}

	/**
	 * Remove every fault not yet spent.
	 */
	public synchronized void clear() {
		this.rules.clear();
	}

	/**
	 * Return how many calls were answered with a fault.
	 * @return the number of faulty answers
	 */
	public long injectedCount() {
		return this.injected.get();
	}

	synchronized @Nullable InjectedFault take(Target callTarget) {
		long now = System.nanoTime();
		this.rules.removeIf((rule) -> rule.remaining <= 0 || (rule.until != null && now - rule.until > 0));
		for (Rule rule : this.rules) {
			if (rule.target == Target.ANY || rule.target == callTarget) {
				rule.remaining--;
				this.injected.incrementAndGet();
				Duration hang = rule.fault.hang();
				Long until = rule.until;
				if (rule.fault.isHang() && hang == null && until != null) {
					// A hang for a window: until the window ends
					hang = Duration.ofNanos(Math.max(0, until - now));
				}
				return new InjectedFault(rule.fault.status(), hang);
			}
		}
		return null;
	}

	private synchronized void add(Target target, InjectedFault fault, int count, @Nullable Long until) {
		if (count <= 0) {
			throw new IllegalArgumentException("count must be positive");
		}
		this.rules.add(new Rule(Objects.requireNonNull(target), fault, count, until));
	}

	private static Long deadline(Duration window) {
		return System.nanoTime() + Objects.requireNonNull(window).toNanos();
	}

	private static int requireErrorStatus(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an HTTP error status: " + status);
		}
		return status;
	}

}
