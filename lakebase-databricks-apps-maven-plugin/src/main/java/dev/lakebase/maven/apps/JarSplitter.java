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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Splits a jar into jars of at most a given size that, on one class path, load as the
 * original did. Entries are copied as they are compressed (no re-compression, so the
 * sizes are known before writing). An entry and its multi-release variants
 * ({@code META-INF/versions/N/...}) stay in one part, so the JDK still picks the variant
 * of the running version; each part has the directory entries of what it holds (class
 * path scanning looks them up) and the original manifest's main attributes without
 * {@code Class-Path}, {@code Main-Class} and {@code Sealed} (a package now spans parts).
 * Everything a part holds is counted before it is written: the entries, their directory
 * entries, the manifest and the headers of each. The entries it adds carry one fixed time
 * ({@link EntryTime}), so that the same jar always gives the same parts. A signed jar is
 * not split: a part would fail its signature check.
 *
 * @author Lakebase Spring Boot contributors
 */
final class JarSplitter {

	private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");

	private static final Pattern SIGNATURE = Pattern.compile("^META-INF/[^/]+\\.(SF|RSA|DSA|EC)$",
			Pattern.CASE_INSENSITIVE);

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	/** The end of central directory record, and room for a comment or padding. */
	private static final long RESERVE = 1024;

	private final long limit;

	private final EntryTime entryTime;

	JarSplitter(long limit, EntryTime entryTime) {
		this.limit = limit;
		this.entryTime = entryTime;
	}

	/**
	 * Splits {@code jar} into {@code directory/<baseName>-part<N>.jar}.
	 * @param jar the jar to split
	 * @param directory where the parts go
	 * @param baseName the parts' name before {@code -partN.jar}
	 * @return the parts, in the order they go on the class path
	 * @throws IOException if the jar cannot be read or a part cannot be written
	 * @throws LayoutException if an entry alone is over the limit or the jar is signed
	 */
	List<Path> split(Path jar, Path directory, String baseName) throws IOException {
		try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
			Map<String, List<ZipArchiveEntry>> groups = group(zip, jar);
			byte[] manifest = partManifest(zip);
			List<List<String>> parts = pack(groups, jar, manifest.length);
			long time = this.entryTime.millis(zip);
			List<Path> written = new ArrayList<>();
			for (int i = 0; i < parts.size(); i++) {
				Path part = directory.resolve(baseName + "-part" + (i + 1) + ".jar");
				write(zip, manifest, time, groups, parts.get(i), part);
				if (Files.size(part) > this.limit) {
					throw new LayoutException(part.getFileName() + " came out at " + Files.size(part)
							+ " bytes, over the limit of " + this.limit + " its entries were counted to fit: "
							+ "please report this with the jar " + jar.getFileName());
				}
				written.add(part);
			}
			return written;
		}
	}

	private Map<String, List<ZipArchiveEntry>> group(ZipFile zip, Path jar) {
		Map<String, List<ZipArchiveEntry>> groups = new LinkedHashMap<>();
		for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
			String name = entry.getName();
			if (SIGNATURE.matcher(name).matches()) {
				throw new LayoutException(jar.getFileName() + " is signed (" + name
						+ "): a part of it would fail the signature check, so it cannot be split");
			}
			if (entry.isDirectory() || name.equalsIgnoreCase(MANIFEST)) {
				continue;
			}
			String logicalName = VERSIONED.matcher(name).replaceFirst("");
			groups.computeIfAbsent(logicalName, (key) -> new ArrayList<>()).add(entry);
		}
		return groups;
	}

	private List<List<String>> pack(Map<String, List<ZipArchiveEntry>> groups, Path jar, int manifestSize) {
		long empty = RESERVE + directorySize("META-INF/") + headerSize(MANIFEST) + manifestSize;
		long capacity = this.limit - empty;
		List<String> tooLarge = new ArrayList<>();
		List<List<String>> parts = new ArrayList<>();
		List<String> current = new ArrayList<>();
		Set<String> directories = new HashSet<>(Set.of("META-INF/"));
		long used = 0;
		for (Map.Entry<String, List<ZipArchiveEntry>> group : groups.entrySet()) {
			long size = group.getValue().stream().mapToLong(JarSplitter::storedSize).sum();
			Set<String> newDirectories = newDirectories(group.getValue(), Set.of("META-INF/"));
			if (size + sizeOf(newDirectories) > capacity) {
				tooLarge.add(group.getKey() + " (" + Sizes.describe(size) + " compressed)");
				continue;
			}
			newDirectories = newDirectories(group.getValue(), directories);
			if (used + size + sizeOf(newDirectories) > capacity) {
				parts.add(current);
				current = new ArrayList<>();
				directories = new HashSet<>(Set.of("META-INF/"));
				used = 0;
				newDirectories = newDirectories(group.getValue(), directories);
			}
			current.add(group.getKey());
			directories.addAll(newDirectories);
			used += size + sizeOf(newDirectories);
		}
		if (!tooLarge.isEmpty()) {
			throw new LayoutException(jar.getFileName() + " holds " + String.join(", ", tooLarge)
					+ ": a single entry cannot be split, and a Databricks Apps file may be at most "
					+ Sizes.describe(this.limit));
		}
		if (!current.isEmpty()) {
			parts.add(current);
		}
		return parts;
	}

	private static Set<String> newDirectories(List<ZipArchiveEntry> entries, Set<String> present) {
		Set<String> added = new HashSet<>();
		for (ZipArchiveEntry entry : entries) {
			String name = entry.getName();
			for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
				String directory = name.substring(0, slash + 1);
				if (!present.contains(directory)) {
					added.add(directory);
				}
			}
		}
		return added;
	}

	private static long sizeOf(Set<String> directories) {
		return directories.stream().mapToLong(JarSplitter::directorySize).sum();
	}

	private static long storedSize(ZipArchiveEntry entry) {
		int extra = entry.getExtra() != null ? entry.getExtra().length : 0;
		// a data descriptor (24) beyond the headers, and the extra field twice
		return entry.getCompressedSize() + headerSize(entry.getName()) + 24 + 2L * extra;
	}

	/** A stored directory entry: its headers, no data. */
	private static long directorySize(String name) {
		return headerSize(name);
	}

	/** A local header (30) and a central directory header (46), each with the name. */
	private static long headerSize(String name) {
		return 76 + 2L * name.getBytes(StandardCharsets.UTF_8).length;
	}

	private static byte[] partManifest(ZipFile zip) throws IOException {
		Manifest manifest = new Manifest();
		ZipArchiveEntry original = zip.getEntry(MANIFEST);
		if (original != null) {
			try (InputStream in = zip.getInputStream(original)) {
				manifest.getMainAttributes().putAll(new Manifest(in).getMainAttributes());
			}
		}
		Attributes attributes = manifest.getMainAttributes();
		attributes.remove(Attributes.Name.CLASS_PATH);
		attributes.remove(Attributes.Name.MAIN_CLASS);
		attributes.remove(Attributes.Name.SEALED);
		attributes.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		manifest.write(bytes);
		return bytes.toByteArray();
	}

	private static void write(ZipFile zip, byte[] manifest, long time, Map<String, List<ZipArchiveEntry>> groups,
			List<String> names, Path part) throws IOException {
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(part)) {
			Set<String> directories = new HashSet<>();
			addDirectories(out, directories, MANIFEST, time);
			out.putArchiveEntry(EntryTime.stored(MANIFEST, manifest, time));
			out.write(manifest);
			out.closeArchiveEntry();
			for (String name : names) {
				for (ZipArchiveEntry entry : Objects.requireNonNull(groups.get(name))) {
					addDirectories(out, directories, entry.getName(), time);
					try (InputStream raw = zip.getRawInputStream(entry)) {
						out.addRawArchiveEntry(entry, raw);
					}
				}
			}
		}
	}

	private static void addDirectories(ZipArchiveOutputStream out, Set<String> written, String name, long time)
			throws IOException {
		int slash = name.indexOf('/');
		while (slash > 0) {
			String directory = name.substring(0, slash + 1);
			if (written.add(directory)) {
				out.putArchiveEntry(EntryTime.stored(directory, new byte[0], time));
				out.closeArchiveEntry();
			}
			slash = name.indexOf('/', slash + 1);
		}
	}

}
