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

package dev.lakebase.spring.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import io.github.cdimascio.dotenv.internal.DotenvParser;
import io.github.cdimascio.dotenv.internal.DotenvReader;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .env} file read with dotenv-java, kept apart so that
 * {@link LakebaseDotenvEnvironmentPostProcessor} loads without the library.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DotenvFile {

	private static final Pattern EXPORT = Pattern.compile("^(\\s*)export\\s+(?=[\\w.\\-]+\\s*=)");

	private static final Pattern KEY = Pattern.compile("^\\s*(?:export\\s+)?([\\w.\\-]+)\\s*=");

	private static final String END = "LAKEBASE_DOTENV_END_OF_FILE";

	private DotenvFile() {
	}

	static Map<String, Object> read(Path file) {
		return read(file, (lines) -> new DotenvParser(new Lines(file, lines), true, true).parse());
	}

	/**
	 * Read a file with the given parser.
	 * @param file the file
	 * @param parser parses its lines
	 * @return the values by key
	 */
	static Map<String, Object> read(Path file, Parser parser) {
		List<String> lines;
		List<DotenvEntry> entries;
		try {
			lines = Files.readAllLines(file);
			entries = parser.parse(lines);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
		catch (DotenvException ex) {
			throw failure(file, malformed(ex.getMessage()));
		}
		catch (LinkageError ex) {
			// dotenv-java's parser is in a package its module does not export: on the
			// module path, or in another version, it cannot be used
			throw new IllegalStateException("Could not read " + file + " with dotenv-java's parser (" + ex
					+ "). The starter reads .env files with the parser of dotenv-java 3.2 on the class path; on the "
					+ "module path, or with another version, it cannot. Set the values as environment variables, or "
					+ "set lakebase.dotenv.enabled=false.", ex);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (DotenvEntry entry : entries) {
			values.put(entry.getKey(), unquote(entry.getValue()));
		}
		if (!values.containsKey(END)) {
			throw failure(file, unterminated(lines, values));
		}
		values.remove(END);
		return values;
	}

	private static IllegalStateException failure(Path file, String problem) {
		return new IllegalStateException("Could not read " + file + ": " + problem
				+ ". Fix the line, point lakebase.dotenv.path elsewhere, or set lakebase.dotenv.enabled=false.");
	}

	/**
	 * A quote left open swallows the rest of the file, which dotenv-java drops without a
	 * word; the sentinel appended after the last line reveals it.
	 */
	private static String unterminated(List<String> lines, Map<String, Object> parsed) {
		for (String line : lines) {
			Matcher key = KEY.matcher(line);
			if (key.find() && !parsed.containsKey(key.group(1))) {
				return "the value of " + key.group(1) + " opens a quote that is never closed";
			}
		}
		return "a quote is never closed";
	}

	/**
	 * Describe a malformed entry by its key only: the rest of the line may be a secret.
	 */
	private static String malformed(@Nullable String message) {
		String entry = (message != null) ? message.replaceFirst("^Malformed entry(, unmatched quotes)? ?", "") : "";
		Matcher key = KEY.matcher(entry);
		return key.find() ? "the entry " + key.group(1) + " is malformed (an unmatched quote?)"
				: "a line is not KEY=VALUE";
	}

	/**
	 * dotenv-java strips double quotes; strip single quotes too, as shells do.
	 */
	private static String unquote(String value) {
		String trimmed = value.trim();
		if (trimmed.length() > 1 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
			return trimmed.substring(1, trimmed.length() - 1);
		}
		return value;
	}

	/**
	 * Parses the lines of a {@code .env} file.
	 */
	@FunctionalInterface
	interface Parser {

		List<DotenvEntry> parse(List<String> lines);

	}

	/**
	 * Hands dotenv-java the lines of the file without a leading {@code export} (so files
	 * that a shell can {@code source} parse too) and with the sentinel entry at the end.
	 */
	private static final class Lines extends DotenvReader {

		private final List<String> lines;

		Lines(Path file, List<String> lines) {
			super(directoryOf(file), String.valueOf(file.getFileName()));
			this.lines = lines;
		}

		private static String directoryOf(Path file) {
			Path directory = file.toAbsolutePath().getParent();
			return (directory != null) ? directory.toString() : ".";
		}

		@Override
		public List<String> read() {
			List<String> lines = new ArrayList<>(this.lines.size() + 1);
			for (String line : this.lines) {
				lines.add(EXPORT.matcher(line).replaceFirst("$1"));
			}
			lines.add(END + "=end");
			return lines;
		}

	}

}
