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
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .env} file read with dotenv-java's API, kept apart so that
 * {@link LakebaseDotenvEnvironmentPostProcessor} loads without the library. Before
 * dotenv-java parses it, one pass over its lines turns what dotenv-java would skip or
 * misread without a word into a failure that names the line and the key, never the value:
 * a value whose double quote is never closed (dotenv-java drops it and the rest of the
 * file) and a line that starts with {@code export}, which dotenv-java does not read.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DotenvFile {

	/** The start of an entry: its key and what follows the equals sign. */
	private static final Pattern ENTRY = Pattern.compile("^\\s*([\\w.\\-]+)\\s*=\\s*(.*)");

	private static final Pattern EXPORT = Pattern.compile("^\\s*export\\s+([\\w.\\-]+)\\s*=");

	/** What ends a double-quoted value: the quote, then at most a comment. */
	private static final Pattern CLOSING_QUOTE = Pattern.compile("\"\\s*(#.*)?$");

	private DotenvFile() {
	}

	static Map<String, Object> read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (CharacterCodingException ex) {
			throw failure(file, "it is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
		String problem = problem(lines);
		if (problem != null) {
			throw failure(file, problem);
		}
		Dotenv dotenv;
		try {
			dotenv = Dotenv.configure()
				.directory(directoryOf(file))
				.filename(String.valueOf(file.getFileName()))
				.load();
		}
		catch (DotenvException ex) {
			throw failure(file, malformed(ex.getMessage()));
		}
		Map<String, Object> values = new TreeMap<>();
		for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
			values.put(entry.getKey(), unquote(entry.getValue()));
		}
		return values;
	}

	/**
	 * The directory with a separator at the end, which keeps dotenv-java from cutting a
	 * {@code .env} off a directory's name.
	 */
	private static String directoryOf(Path file) {
		Path directory = file.toAbsolutePath().getParent();
		return ((directory != null) ? directory.toString() : ".") + "/";
	}

	private static IllegalStateException failure(Path file, String problem) {
		return new IllegalStateException("Could not read " + file + ": " + problem
				+ ". Fix the line, point lakebase.dotenv.path elsewhere, or set lakebase.dotenv.enabled=false.");
	}

	/**
	 * Follow dotenv-java's rule for values on several lines (a value that opens a double
	 * quote goes on until a line ends with one) to find an {@code export} line outside
	 * such a value, or a value that is still open at the end of the file.
	 */
	private static @Nullable String problem(List<String> lines) {
		String open = null;
		int openedOn = 0;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (open != null) {
				if (CLOSING_QUOTE.matcher(line).find()) {
					open = null;
				}
				continue;
			}
			Matcher export = EXPORT.matcher(line);
			if (export.find()) {
				return "line " + (i + 1) + " (" + export.group(1) + ") starts with 'export', which dotenv-java does "
						+ "not read: remove the word (a shell still loads the file with set -a; . ./.env; set +a)";
			}
			Matcher entry = ENTRY.matcher(line);
			if (entry.find() && opensQuote(entry.group(2))) {
				open = entry.group(1);
				openedOn = i + 1;
			}
		}
		return (open != null) ? "the value of " + open + " on line " + openedOn + " opens a quote that is never closed"
				: null;
	}

	private static boolean opensQuote(String value) {
		return value.startsWith("\"") && !CLOSING_QUOTE.matcher(value.substring(1)).find();
	}

	/**
	 * Describe a malformed entry by its key only: the rest of the line may be a secret.
	 */
	private static String malformed(@Nullable String message) {
		String entry = (message != null) ? message.replaceFirst("^Malformed entry(, unmatched quotes)? ?", "") : "";
		Matcher key = ENTRY.matcher(entry);
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

}
