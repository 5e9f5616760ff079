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
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Reading a {@code .env} file: the forms {@code databricks apps init} and people write,
 * and the failures that name the line but never the value.
 */
class DotenvFileTests {

	@TempDir
	Path directory;

	@Test
	void dotenvParserHandlesExportQuotesAndComments() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, """
				# written by hand
				export PGHOST=ep-1.database.example.com
				PGUSER="someone@example.com"   # a comment
				PGAPPNAME='single quoted # not a comment'
				EMPTY=
				MULTI="line one
				line two"
				   SPACED = value with spaces
				""");
		Map<String, Object> values = DotenvFile.read(file);
		assertThat(values).containsEntry("PGHOST", "ep-1.database.example.com")
			.containsEntry("PGUSER", "someone@example.com")
			.containsEntry("PGAPPNAME", "single quoted # not a comment")
			.containsEntry("EMPTY", "")
			.containsEntry("MULTI", "line one\nline two")
			.containsEntry("SPACED", "value with spaces");
	}

	@Test
	void aParserTheJvmWillNotLinkFailsWithTheCauseAndTheWayOut() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "PGHOST=ep\n");
		// What the module path gives: dotenv-java's module does not export its parser
		DotenvFile.Parser unexported = (lines) -> {
			throw new IllegalAccessError("class DotenvFile cannot access class "
					+ "io.github.cdimascio.dotenv.internal.DotenvParser (in module io.github.cdimascio.dotenv.java)");
		};
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file, unexported))
			.withMessageContaining("Could not read " + file)
			.withMessageContaining("module path")
			.withMessageContaining("lakebase.dotenv.enabled=false")
			.withCauseInstanceOf(IllegalAccessError.class);
	}

	@Test
	void malformedDotenvNamesTheKeyButNotTheValue() throws IOException {
		Path file = this.directory.resolve(".env");
		Files.writeString(file, "PGHOST=ep\nPGPASSWORD=\"s3cret-value\nPGUSER=someone\n");
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("PGPASSWORD opens a quote that is never closed")
			.withMessageContaining("lakebase.dotenv.enabled=false")
			.withMessageNotContaining("s3cret-value");
		Files.writeString(file, "PGHOST=ep\nnot an entry s3cret-value\n");
		assertThatIllegalStateException().isThrownBy(() -> DotenvFile.read(file))
			.withMessageContaining("a line is not KEY=VALUE")
			.withMessageNotContaining("s3cret-value");
	}

}
