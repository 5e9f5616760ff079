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

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@link LakebaseDotenvEnvironmentPostProcessor} loads without the library. One pass over
 * the lines comes first: it reads what other {@code .env} readers accept and dotenv-java
 * does not (a leading {@code export}, as Node's {@code dotenv} and Python's
 * {@code python-dotenv} read it, and a UTF-8 byte-order mark), records the line of each
 * key, and turns what dotenv-java would skip or misread without a word into a failure
 * that names the line and the key, never the value: a value whose double quote is never
 * closed (dotenv-java drops it and the rest of the file) and a line that is not
 * {@code KEY=VALUE}.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DotenvFile {

	/** The start of an entry: its key and what follows the equals sign. */
	private static final Pattern ENTRY = Pattern.compile("^\\s*(?:export\\s+)?([\\w.\\-]+)\\s*=\\s*(.*)");

	private static final Pattern EXPORT = Pattern.compile("^(\\s*)export\\s+(?=[\\w.\\-]+\\s*=)");

	/** What ends a double-quoted value: the quote, then at most a comment. */
	private static final Pattern CLOSING_QUOTE = Pattern.compile("\"\\s*(#.*)?$");

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Map<String, Object> values;

	private final Map<String, Integer> lines;

	private DotenvFile(Map<String, Object> values, Map<String, Integer> lines) {
		this.values = values;
		this.lines = lines;
	}

	/**
	 * Return the values of the file by key.
	 * @return the values
	 */
	Map<String, Object> values() {
		return this.values;
	}

	/**
	 * Return the line (from 1) where a key's entry starts.
	 * @param key the key as the file spells it
	 * @return the line, or {@code null} for a key the file does not hold
	 */
	@Nullable Integer lineOf(String key) {
		return this.lines.get(key);
	}

	static DotenvFile read(Path file) {
		List<String> lines;
		try {
			lines = new ArrayList<>(Files.readAllLines(file));
		}
		catch (CharacterCodingException ex) {
			throw failure(file, "it is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
		boolean rewritten = false;
		if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BYTE_ORDER_MARK) {
			lines.set(0, lines.get(0).substring(1));
			rewritten = true;
		}
		Map<String, Integer> keyLines = new HashMap<>();
		rewritten |= scan(file, lines, keyLines);
		Map<String, Object> values = new TreeMap<>();
		Dotenv dotenv = rewritten ? loadCopy(file, lines) : load(file, file);
		for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
			values.put(entry.getKey(), unquote(entry.getValue()));
		}
		return new DotenvFile(values, keyLines);
	}

	private static Dotenv load(Path file, Path source) {
		try {
			return Dotenv.configure()
				.directory(directoryOf(source))
				.filename(String.valueOf(source.getFileName()))
				.load();
		}
		catch (DotenvException ex) {
			throw failure(file, malformed(ex.getMessage()));
		}
	}

	/**
	 * Give dotenv-java, which reads files only, the lines as read here, in a private
	 * temporary file that is gone before this returns.
	 */
	private static Dotenv loadCopy(Path file, List<String> lines) {
		Path copy = null;
		try {
			copy = Files.createTempFile("lakebase-dotenv", ".env");
			restrictToOwner(copy);
			Files.write(copy, lines, StandardCharsets.UTF_8);
			return load(file, copy);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
		finally {
			if (copy != null) {
				try {
					Files.deleteIfExists(copy);
				}
				catch (IOException ex) {
					copy.toFile().deleteOnExit();
				}
			}
		}
	}

	private static void restrictToOwner(Path copy) throws IOException {
		try {
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the user's temporary directory is private there
		}
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
	 * quote goes on until a line ends with one): outside such values, record the line of
	 * each key, take the word {@code export} off the start of an entry, and fail on a
	 * line that is neither an entry, a comment nor blank, or a value still open at the
	 * end.
	 * @return whether a line was changed
	 */
	private static boolean scan(Path file, List<String> lines, Map<String, Integer> keyLines) {
		boolean changed = false;
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
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			Matcher entry = ENTRY.matcher(line);
			if (!entry.find()) {
				throw failure(file, "line " + (i + 1) + " is not KEY=VALUE");
			}
			keyLines.putIfAbsent(entry.group(1), i + 1);
			Matcher export = EXPORT.matcher(line);
			if (export.find()) {
				lines.set(i, export.replaceFirst("$1"));
				changed = true;
			}
			if (opensQuote(entry.group(2))) {
				open = entry.group(1);
				openedOn = i + 1;
			}
		}
		if (open != null) {
			throw failure(file,
					"the value of " + open + " on line " + openedOn + " opens a quote that is never closed");
		}
		return changed;
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
