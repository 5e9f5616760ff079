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

package dev.lakebase.samples.memory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An agent's conversation memory on Lakebase: sessions, their messages and tool results,
 * behind a small REST API. The Lakebase connection comes from the starter; the
 * application has no database code of its own beyond Spring Data JPA and Flyway.
 *
 * @author Lakebase Spring Boot contributors
 */
@SpringBootApplication
public class MemoryServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MemoryServiceApplication.class, args);
	}

}
