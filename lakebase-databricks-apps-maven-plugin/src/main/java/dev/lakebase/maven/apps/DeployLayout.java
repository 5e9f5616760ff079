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

package dev.lakebase.maven.apps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Brings Spring Boot's extracted layout ({@code app.jar} whose manifest
 * {@code Class-Path} lists {@code lib/*.jar}) under a per-file size limit: every library
 * over the limit is split with {@link JarSplitter} and its class path entry replaced by
 * the parts; an {@code app.jar} over the limit moves its content into parts in
 * {@code lib/} and keeps only its manifest. Then every file of the directory is checked,
 * and a {@link LayoutException} names each one that is still over the limit and why.
 *
 * @author Lakebase Spring Boot contributors
 */
final class DeployLayout {

	static final String APPLICATION_JAR = "app.jar";

	private final long limit;

	private final JarSplitter splitter;

	private final Consumer<String> log;

	private final EntryTime entryTime;

	DeployLayout(long limit, EntryTime entryTime, Consumer<String> log) {
		this.limit = limit;
		this.entryTime = entryTime;
		this.splitter = new JarSplitter(limit, entryTime);
		this.log = log;
	}

	/**
	 * Splits what is over the limit in {@code directory}, then checks every file.
	 * @param directory the extracted layout
	 * @throws IOException on a read or write failure
	 * @throws LayoutException naming every file that cannot meet the limit
	 */
	void fitToLimit(Path directory) throws IOException {
		Path application = directory.resolve(APPLICATION_JAR);
		Manifest manifest = readManifest(application);
		List<String> classPath = new ArrayList<>(
				Arrays.asList(manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+")));
		List<String> problems = new ArrayList<>();
		boolean changed = false;
		for (int i = 0; i < classPath.size(); i++) {
			Path library = directory.resolve(classPath.get(i));
			if (Files.isRegularFile(library) && Files.size(library) > this.limit) {
				List<String> parts = split(directory, library, Objects.requireNonNull(library.getParent()),
						baseName(library), problems);
				if (parts != null) {
					Files.delete(library);
					classPath.remove(i);
					classPath.addAll(i, parts);
					i += parts.size() - 1;
					changed = true;
				}
			}
		}
		boolean applicationSplit = false;
		if (Files.size(application) > this.limit) {
			List<String> parts = split(directory, application, directory.resolve("lib"), "application", problems);
			if (parts != null) {
				classPath.addAll(0, parts);
				applicationSplit = true;
				changed = true;
			}
		}
		if (!problems.isEmpty()) {
			throw new LayoutException(String.join(System.lineSeparator(), problems));
		}
		if (changed) {
			manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
			rewrite(application, manifest, applicationSplit);
		}
		List<String> over = overLimit(directory);
		if (!over.isEmpty()) {
			throw new LayoutException(String.join(System.lineSeparator(), over));
		}
	}

	private @Nullable List<String> split(Path directory, Path jar, Path into, String baseName, List<String> problems)
			throws IOException {
		try {
			List<String> parts = new ArrayList<>();
			for (Path part : this.splitter.split(jar, into, baseName)) {
				parts.add(directory.relativize(part).toString().replace('\\', '/'));
			}
			this.log.accept("Split " + directory.relativize(jar) + " (" + Sizes.describe(Files.size(jar)) + ") into "
					+ String.join(", ", parts));
			return parts;
		}
		catch (LayoutException ex) {
			problems.add(describe(directory, jar) + ": " + ex.getMessage());
			return null;
		}
	}

	private static String baseName(Path jar) {
		String name = jar.getFileName().toString();
		return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
	}

	private List<String> overLimit(Path directory) throws IOException {
		List<String> over = new ArrayList<>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				if (Files.size(file) > this.limit) {
					over.add(describe(directory, file) + ": a Databricks Apps file may be at most "
							+ Sizes.describe(this.limit));
				}
			}
		}
		return over;
	}

	private static String describe(Path directory, Path file) throws IOException {
		return directory.relativize(file) + " (" + Sizes.describe(Files.size(file)) + ")";
	}

	private static Manifest readManifest(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) == null) {
				throw new LayoutException(
						jar + " has no Class-Path in its manifest: not Spring Boot's extracted layout");
			}
			return new Manifest(manifest);
		}
	}

	private void rewrite(Path application, Manifest manifest, boolean manifestOnly) throws IOException {
		Path rewritten = application.resolveSibling(APPLICATION_JAR + ".tmp");
		try (ZipFile zip = ZipFile.builder().setPath(application).get();
				ZipArchiveOutputStream out = new ZipArchiveOutputStream(rewritten)) {
			long time = this.entryTime.millis(zip);
			out.putArchiveEntry(EntryTime.stored("META-INF/", new byte[0], time));
			out.closeArchiveEntry();
			ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
			manifest.write(manifestBytes);
			out.putArchiveEntry(EntryTime.stored(JarFile.MANIFEST_NAME, manifestBytes.toByteArray(), time));
			out.write(manifestBytes.toByteArray());
			out.closeArchiveEntry();
			if (!manifestOnly) {
				for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
					if (!entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)
							&& !entry.getName().equals("META-INF/")) {
						try (InputStream raw = zip.getRawInputStream(entry)) {
							out.addRawArchiveEntry(entry, raw);
						}
					}
				}
			}
		}
		Files.move(rewritten, application, StandardCopyOption.REPLACE_EXISTING);
	}

}
