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
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.lakebase.spring.LakebaseConfigurationException;
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
 * Fails startup on a {@code lakebase.*} property of the starter's that does not exist (a
 * typo such as {@code lakebase.brnach} would otherwise connect to the production branch
 * without a word), naming the key, where it was set, and the nearest valid name. Keys are
 * checked in their property form ({@code lakebase.} and a dot: application properties,
 * system properties, command-line arguments) in any relaxed spelling, and in a
 * {@code .env} file in both forms, since the user wrote that file: a misspelt
 * {@code LAKEBASE_BRNACH} there fails as {@code lakebase.brnach} does. Environment
 * variables of the process are not checked: platforms and tools set {@code LAKEBASE_}
 * variables of their own.
 * <p>
 * Only keys the starter can own fail: those under a name of the starter
 * ({@code lakebase.wake.*}, {@code lakebase.branch}, ...) and those one or two letters
 * from one of its keys. Any other {@code lakebase.*} key belongs to someone else (a build
 * tool's switch that Maven passes to the tests as a system property, an app's own
 * properties) and is left alone, as is any key that configuration metadata on the class
 * path documents.
 *
 * @author Lakebase Spring Boot contributors
 */
class UnknownPropertyCheck implements EnvironmentPostProcessor, Ordered {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String PREFIX = "lakebase.";

	private static final String VARIABLE_PREFIX = "LAKEBASE_";

	/** Variables the starter reads by these names rather than as properties. */
	private static final Set<String> VARIABLES = Set.copyOf(LakebaseConfigured.VARIABLES);

	/** The package whose configuration properties are the starter's. */
	private static final String OWN_SOURCE = "dev.lakebase.spring.";

	/** At most this many letters apart, a key is taken for a typo of the nearest. */
	private static final int NEAR = 2;

	@Override
	public int getOrder() {
		return LakebaseDotenvEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> unknown = new ArrayList<>();
		Metadata metadata = null;
		Set<String> seen = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			boolean dotenv = source instanceof DotenvPropertySource;
			if (!(source instanceof EnumerablePropertySource<?> enumerable)
					|| (source instanceof SystemEnvironmentPropertySource && !dotenv)) {
				continue;
			}
			for (String key : enumerable.getPropertyNames()) {
				boolean variable = dotenv && key.startsWith(VARIABLE_PREFIX);
				if (!(variable || key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) || !seen.add(key)
						|| (variable && VARIABLES.contains(key))) {
					continue;
				}
				if (metadata == null) {
					metadata = Metadata.load(getClass().getClassLoader());
					if (metadata.own().isEmpty()) {
						return;
					}
				}
				String name = variable ? key.toLowerCase(Locale.ROOT).replace('_', '.') : key;
				if (!metadata.isKnown(name) && metadata.canOwn(name)) {
					unknown.add(describe(key, name, variable, source, metadata.own()));
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw new LakebaseConfigurationException(
					"Unknown Lakebase configuration " + ((unknown.size() == 1) ? "property " : "properties ")
							+ String.join("; ", unknown) + ".",
					"Correct the name, or remove it. Every lakebase.* property is listed in the starter's "
							+ "documentation and in your IDE's completion; environment variables (LAKEBASE_*) are "
							+ "checked only in a .env file.");
		}
	}

	private static String describe(String key, String name, boolean variable, PropertySource<?> source,
			List<String> own) {
		StringBuilder description = new StringBuilder(key);
		Origin origin = (source instanceof OriginLookup<?>) ? origin(source, key) : null;
		description.append(" (from ").append((origin != null) ? origin : source.getName()).append(")");
		String nearest = nearest(name, own);
		if (nearest != null) {
			description.append(": did you mean ").append(variable ? variableName(nearest) : nearest).append("?");
		}
		return description.toString();
	}

	private static String variableName(String property) {
		return property.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
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
		return (bestDistance <= NEAR) ? best : null;
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

	/**
	 * The {@code lakebase.*} names that configuration metadata on the class path
	 * documents: all of them, those of maps (whose keys go on below them) and the
	 * starter's own.
	 */
	private record Metadata(List<ConfigurationPropertyName> documented, List<ConfigurationPropertyName> maps,
			List<String> own, Set<String> ownFirstElements) {

		boolean isKnown(String key) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			return this.documented.contains(name) || this.maps.stream().anyMatch((map) -> map.isAncestorOf(name));
		}

		/**
		 * Whether a key is under one of the starter's names or near one of its keys.
		 */
		boolean canOwn(String key) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			return (name.getNumberOfElements() > 1
					&& this.ownFirstElements.contains(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM)))
					|| nearest(key, this.own) != null;
		}

		static Metadata load(ClassLoader classLoader) {
			List<ConfigurationPropertyName> documented = new ArrayList<>();
			List<ConfigurationPropertyName> maps = new ArrayList<>();
			List<String> own = new ArrayList<>();
			Set<String> ownFirstElements = new HashSet<>();
			try {
				for (URL url : Collections.list(classLoader.getResources(METADATA))) {
					try (InputStream in = url.openStream()) {
						Map<String, Object> metadata = JsonParserFactory.getJsonParser()
							.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
						if (metadata.get("properties") instanceof List<?> properties) {
							for (Object property : properties) {
								if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
										&& name.startsWith(PREFIX) && ConfigurationPropertyName.isValid(name)) {
									ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
									documented.add(propertyName);
									if (map.get("type") instanceof String type && type.startsWith("java.util.Map<")) {
										maps.add(propertyName);
									}
									if (map.get("sourceType") instanceof String sourceType
											&& sourceType.startsWith(OWN_SOURCE)) {
										own.add(name);
										ownFirstElements
											.add(propertyName.getElement(1, ConfigurationPropertyName.Form.UNIFORM));
									}
								}
							}
						}
					}
				}
			}
			catch (IOException ex) {
				return new Metadata(List.of(), List.of(), List.of(), Set.of());
			}
			return new Metadata(documented, maps, own, ownFirstElements);
		}

	}

}
