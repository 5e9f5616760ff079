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
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.lakebase.spring.diagnostics.LakebaseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Fails startup on a {@code lakebase.*} property that does not exist (a typo such as
 * {@code lakebase.brnach} would otherwise connect to the production branch without a
 * word), naming the key, where it was set, and the nearest valid name. Keys are checked
 * in their property form ({@code lakebase.} and a dot: application properties, system
 * properties, command-line arguments, a {@code .env} line in that form), in any relaxed
 * spelling; environment variables ({@code LAKEBASE_*}, also in a {@code .env}) are not
 * checked, since platforms and tools set {@code LAKEBASE_} variables of their own. The
 * valid names are those of the configuration metadata the build generates.
 *
 * @author Lakebase Spring Boot contributors
 */
class UnknownPropertyCheck implements EnvironmentPostProcessor, Ordered {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String PREFIX = "lakebase.";

	@Override
	public int getOrder() {
		return LakebaseDotenvEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> unknown = new ArrayList<>();
		List<String> known = null;
		Set<String> seen = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)
					|| source instanceof SystemEnvironmentPropertySource) {
				continue;
			}
			for (String key : enumerable.getPropertyNames()) {
				if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || !seen.add(key)) {
					continue;
				}
				if (known == null) {
					known = knownNames();
					if (known.isEmpty()) {
						return;
					}
				}
				if (!isKnown(key, known)) {
					unknown.add(describe(key, source, known));
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw new LakebaseConfigurationException(
					"Unknown Lakebase configuration " + ((unknown.size() == 1) ? "property " : "properties ")
							+ String.join("; ", unknown) + ".",
					"Correct the name, or remove it. Every lakebase.* property is listed in the starter's README and "
							+ "in your IDE's completion; environment variables (LAKEBASE_*) are not checked.");
		}
	}

	private static boolean isKnown(String key, List<String> known) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
		return known.stream().anyMatch((candidate) -> ConfigurationPropertyName.of(candidate).equals(name));
	}

	private static String describe(String key, PropertySource<?> source, List<String> known) {
		StringBuilder description = new StringBuilder(key);
		Origin origin = (source instanceof OriginLookup<?>) ? origin(source, key) : null;
		description.append(" (from ").append((origin != null) ? origin : source.getName()).append(")");
		String nearest = nearest(key, known);
		if (nearest != null) {
			description.append(": did you mean ").append(nearest).append("?");
		}
		return description.toString();
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Origin origin(PropertySource<?> source, String key) {
		return ((OriginLookup<String>) source).getOrigin(key);
	}

	private static @Nullable String nearest(String key, List<String> known) {
		String canonical = canonical(key);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String name : known) {
			int distance = distance(canonical, canonical(name));
			if (distance < bestDistance) {
				best = name;
				bestDistance = distance;
			}
		}
		return (bestDistance <= Math.max(3, canonical.length() / 4)) ? best : null;
	}

	private static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private List<String> knownNames() {
		List<String> names = new ArrayList<>();
		try {
			for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (metadata.get("properties") instanceof List<?> properties) {
						for (Object property : properties) {
							if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
									&& name.startsWith(PREFIX)) {
								names.add(name);
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			return List.of();
		}
		return names;
	}

}
