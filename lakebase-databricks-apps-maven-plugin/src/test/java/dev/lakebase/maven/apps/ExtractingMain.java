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

package dev.lakebase.maven.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for Spring Boot's {@code jarmode=tools extract}, run as the main class of a
 * test jar: it writes the extracted layout ({@code app.jar} whose {@code Class-Path}
 * lists {@code lib/}) with one small library and one of about 480 kB.
 */
public final class ExtractingMain {

	private ExtractingMain() {
	}

	public static void main(String[] args) throws IOException {
		List<String> arguments = List.of(args);
		if (!arguments.contains("extract") || !"tools".equals(System.getProperty("jarmode"))) {
			throw new IllegalArgumentException("Expected jarmode=tools extract, got " + arguments);
		}
		Path destination = Path.of(arguments.get(arguments.indexOf("--destination") + 1));
		String application = arguments.get(arguments.indexOf("--application-filename") + 1);
		TestJars.write(destination.resolve(application),
				Map.of("Main-Class", "com.example.App", "Class-Path", "lib/small-1.0.jar lib/big-1.0.jar"),
				Map.of("com/example/App.class", new byte[16]));
		TestJars.write(destination.resolve("lib/small-1.0.jar"), Map.of(), Map.of("small.txt", new byte[1]));
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 24; i++) {
			entries.put("big/" + i + ".bin", TestJars.random(20_000, i));
		}
		TestJars.write(destination.resolve("lib/big-1.0.jar"), Map.of(), entries);
	}

}
