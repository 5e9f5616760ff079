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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Reading a {@code .env} file: the forms {@code databricks apps init} and people write,
 * and the failures that name the line but never the value.
 */
class DotenvFileTests {

	@TempDir
	Path directory;

	@Test
	void dotenvParserHandlesQuotesAndComments() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, """
				# written by hand
				PGHOST=ep-1.database.example.com
				PGUSER="someone@example.com"   # a comment
				PGAPPNAME='single quoted # not a comment'
				EMPTY=
				MULTI="line one
				line two"
				   SPACED = value with spaces
				""");
		Map<String, Object> values = DotenvFile.read(file).values();
		assertThat(values).containsOnly(entry("PGHOST", "ep-1.database.example.com"),
				entry("PGUSER", "someone@example.com"), entry("PGAPPNAME", "single quoted # not a comment"),
				entry("EMPTY", ""), entry("MULTI", "line one\nline two"), entry("SPACED", "value with spaces"));
	}

	@Test
	void multiLineValuesMayHoldLinesThatLookLikeEntriesAndEndBeforeAComment() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, """
				PGOPTIONS="-c search_path=app
				statement_timeout=5000
				export NOT_A_KEY=1" # the value ends at the quote
				PGHOST=ep-1
				""");
		assertThat(DotenvFile.read(file).values()).containsOnly(
				entry("PGOPTIONS", "-c search_path=app\nstatement_timeout=5000\nexport NOT_A_KEY=1"),
				entry("PGHOST", "ep-1"));
	}

	@Test
	void aFileInADirectoryWhoseNameEndsInDotEnvIsRead() throws IOException {
		Path file = Files.createDirectories(this.directory.resolve("app config.env")).resolve("local.env");
		Files.writeString(file, "PGHOST=ep-1\n");
		assertThat(DotenvFile.read(file).values()).containsOnly(entry("PGHOST", "ep-1"));
	}

	@Test
	void aFileThatIsNotUtf8SaysSo() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.write(file, new byte[] { 'P', 'G', 'H', 'O', 'S', 'T', '=', (byte) 0xff, '\n' });
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("Could not read " + file + ": it is not UTF-8 text")
			.withMessageContaining("lakebase.dotenv.enabled=false");
	}

	@Test
	void exportLinesAreReadAsNodeAndPythonDotenvReadThem() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "PGHOST=ep\n  export PGUSER=someone\nexport\tPGAPPNAME=\"an app\"\nexported=1\n");
		DotenvFile dotenv = DotenvFile.read(file);
		assertThat(dotenv.values()).containsOnly(entry("PGHOST", "ep"), entry("PGUSER", "someone"),
				entry("PGAPPNAME", "an app"), entry("exported", "1"));
		assertThat(dotenv.lineOf("PGUSER")).isEqualTo(2);
		assertThat(dotenv.lineOf("exported")).isEqualTo(4);
		try (Stream<Path> left = Files.list(this.directory)) {
			assertThat(left).as("nothing but the file itself").containsExactly(file);
		}
	}

	@Test
	void aByteOrderMarkIsSkipped() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "\uFEFFPGHOST=ep\nPGUSER=someone\n");
		DotenvFile dotenv = DotenvFile.read(file);
		assertThat(dotenv.values()).containsOnly(entry("PGHOST", "ep"), entry("PGUSER", "someone"));
		assertThat(dotenv.lineOf("PGHOST")).isEqualTo(1);
	}

	@Test
	void aLineThatIsNotAnEntryIsNamedByItsNumber() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "PGHOST=ep\n\u200BPGUSER=s3cret-value\n");
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("line 2 is not KEY=VALUE")
			.withMessageNotContaining("s3cret-value");
	}

	@Test
	void malformedDotenvNamesTheKeyButNotTheValue() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "PGHOST=ep\nPGPASSWORD=\"s3cret-value\nPGUSER=someone\n");
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("the value of PGPASSWORD on line 2 opens a quote that is never closed")
			.withMessageContaining("lakebase.dotenv.enabled=false")
			.withMessageNotContaining("s3cret-value");
		Files.writeString(file, "PGHOST=ep\nnot an entry s3cret-value\n");
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("line 2 is not KEY=VALUE")
			.withMessageNotContaining("s3cret-value");
	}

}
