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

package dev.lakebase.spring.users;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the database work of a method (or of every method of a class) as the user whose
 * request it serves: Spring Data repositories, {@code JdbcTemplate} and transactions
 * inside it use a connection logged in under the user's own Postgres role, so grants and
 * row-level security apply; outside it, the app's identity as before. The user is the
 * identity the workspace reports for the token the Databricks Apps proxy forwards in
 * {@code X-Forwarded-Access-Token} (user authorization with the {@code postgres} scope),
 * never a header value taken on trust.
 * <p>
 * The scope is entered before a transaction the method starts (put the annotation on the
 * method that is {@code @Transactional}, or on one that calls it); entering it inside a
 * transaction already running as the app fails. A request with no token is answered 401
 * and runs no statement; one whose {@code X-Forwarded-Email} disagrees with its token, a
 * user with no Postgres role, or a token without the {@code postgres} scope, 403. Needs
 * {@code lakebase.users.enabled=true}.
 *
 * @author Lakebase Spring Boot contributors
 * @since 0.1.0
 * @see LakebaseUsers
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsUser {

}
