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

package dev.lakebase.spring.jdbc;

import javax.sql.DataSource;

/**
 * The endpoint's direct host while the application's {@code DataSource} connects through
 * the endpoint's connection pooler ({@code lakebase.pooler.enabled}). A transaction-mode
 * pooler keeps no session state between transactions, so session-bound work (advisory
 * locks, {@code LISTEN}, lock registries, {@code SET} that must last) connects here. It
 * is not a {@code DataSource} bean: the application keeps exactly one.
 *
 * <pre class="code">
 * JdbcTemplate direct = new JdbcTemplate(directHost.dataSource());
 * </pre>
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
public interface LakebaseDirectHost {

	/**
	 * Return a small pool of connections to the direct host, with the application's
	 * credentials. It opens connections when asked and closes idle ones.
	 * @return the data source
	 */
	DataSource dataSource();

}
