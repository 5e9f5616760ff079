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

import dev.lakebase.spring.users.AsUser;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Runs methods annotated {@link AsUser} (or of a class so annotated) in a user scope,
 * outside of the transaction they start: it advises before Spring's transaction
 * interceptor.
 *
 * @author Lakebase Spring Boot contributors
 */
final class AsUserAdvisor extends AbstractPointcutAdvisor {

	/** Ahead of the transaction advisor (lowest precedence by default). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final Pointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(AsUser.class, true))
		.union(new AnnotationMatchingPointcut(null, AsUser.class, true));

	private final MethodInterceptor interceptor;

	AsUserAdvisor(MethodInterceptor interceptor) {
		this.interceptor = interceptor;
		setOrder(ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public MethodInterceptor getAdvice() {
		return this.interceptor;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
