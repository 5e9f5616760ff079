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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small application that {@link LocalDevelopmentIntegrationTests} starts as a separate
 * process in a directory of its choice, with an environment of its choice: it connects,
 * prints who it is and exits.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ LakebaseDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
		JdbcTemplateAutoConfiguration.class })
public class LocalDevApp {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalDevApp.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			System.out.println("CONNECTED user=" + jdbc.queryForObject("SELECT current_user", String.class)
					+ " application=" + jdbc.queryForObject("SHOW application_name", String.class));
		}
	}

}
