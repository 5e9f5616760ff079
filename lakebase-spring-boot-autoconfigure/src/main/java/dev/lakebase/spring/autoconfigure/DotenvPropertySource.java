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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin.Location;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The values of a {@code .env} file as a source of the system environment's kind, so that
 * Spring Boot binds an environment-style name ({@code LAKEBASE_BRANCH}) to its property
 * ({@code lakebase.branch}) as it does for real environment variables; Boot does that for
 * a source of this type whose name ends in {@code -systemEnvironment}. Each value's
 * origin is its line in the file.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DotenvPropertySource extends SystemEnvironmentPropertySource implements OriginLookup<String> {

	static final String NAME = "lakebaseDotenv-systemEnvironment";

	private final Path path;

	private final DotenvFile file;

	DotenvPropertySource(Path path, DotenvFile file) {
		super(NAME, file.values());
		this.path = path;
		this.file = file;
	}

	Path path() {
		return this.path;
	}

	@Override
	public @Nullable Origin getOrigin(String name) {
		String key = resolvePropertyName(name);
		Integer line = this.file.lineOf(key);
		if (line == null) {
			return null;
		}
		return new TextResourceOrigin(new FileSystemResource(this.path), new Location(line - 1, 0));
	}

}
