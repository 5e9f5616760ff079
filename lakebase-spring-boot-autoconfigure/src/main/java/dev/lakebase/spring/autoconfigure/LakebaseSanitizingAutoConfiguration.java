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

import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.web.exchanges.HttpExchange;
import org.springframework.boot.actuate.web.exchanges.HttpExchangeRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that masks Lakebase and Databricks secrets in the {@code env} and
 * {@code configprops} Actuator endpoints, including with {@code show-values=always}:
 * {@code lakebase.password}, {@code lakebase.databricks.client-secret},
 * {@code lakebase.databricks.token} and the variables {@code PGPASSWORD},
 * {@code DATABRICKS_CLIENT_SECRET} and {@code DATABRICKS_TOKEN}, in any relaxed form, and
 * the native password the starter hands to the pool, which {@code configprops} reports as
 * {@code spring.datasource.hikari.password}; and keeps the user token the Databricks Apps
 * proxy forwards ({@code X-Forwarded-Access-Token}) out of the {@code httpexchanges}
 * endpoint.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class LakebaseSanitizingAutoConfiguration {

	private static final Set<String> SECRET_KEYS = Set.of("lakebasepassword", "lakebasedatabricksclientsecret",
			"lakebasedatabrickstoken", "pgpassword", "databricksclientsecret", "databrickstoken",
			"springdatasourcehikaripassword");

	@Bean
	SanitizingFunction lakebaseSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(LakebaseSanitizingAutoConfiguration::isSecret);
	}

	static boolean isSecret(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
			}
		}
		return SECRET_KEYS.contains(normalized.toString());
	}

	/**
	 * Drops the forwarded user token from the request headers an
	 * {@link HttpExchangeRepository} records.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpExchangeRepository.class)
	static class HttpExchangesConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BeanPostProcessor lakebaseHttpExchangesTokenFilter() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof HttpExchangeRepository)) {
						return bean;
					}
					ProxyFactory proxy = new ProxyFactory(bean);
					proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
					proxy.addAdvice((MethodInterceptor) (invocation) -> {
						Object[] arguments = invocation.getArguments();
						if ("add".equals(invocation.getMethod().getName()) && arguments.length == 1
								&& arguments[0] instanceof HttpExchange exchange) {
							arguments[0] = withoutUserToken(exchange);
						}
						return invocation.proceed();
					});
					return proxy.getProxy(bean.getClass().getClassLoader());
				}

			};
		}

		@SuppressWarnings("NullAway") // the recorded remote address, null as recorded
		static HttpExchange withoutUserToken(HttpExchange exchange) {
			HttpExchange.Request request = exchange.getRequest();
			if (request == null
					|| request.getHeaders().keySet().stream().noneMatch(HttpExchangesConfiguration::isToken)) {
				return exchange;
			}
			Map<String, List<String>> headers = new LinkedHashMap<>(request.getHeaders());
			headers.keySet().removeIf(HttpExchangesConfiguration::isToken);
			return new HttpExchange(exchange.getTimestamp(),
					new HttpExchange.Request(request.getUri(), request.getRemoteAddress(), request.getMethod(),
							headers),
					exchange.getResponse(), exchange.getPrincipal(), exchange.getSession(), exchange.getTimeTaken());
		}

		private static boolean isToken(String header) {
			return UserScopes.TOKEN_HEADER.equalsIgnoreCase(header);
		}

	}

}
