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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.TimeZone;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The time of the entries the plugin writes into a jar (manifests, directories): the
 * project's {@code project.build.outputTimestamp}, as Maven's own archivers use it, or,
 * without one, the time of the source jar's manifest, so that the same input always gives
 * the same bytes (and a deploy uploads only the files that changed).
 *
 * @author Lakebase Spring Boot contributors
 */
final class EntryTime {

	/** The earliest time a zip entry can hold: 1980-01-01. */
	private static final long DOS_EPOCH = 315532800000L;

	private final @Nullable Long configured;

	private EntryTime(@Nullable Long configured) {
		this.configured = configured;
	}

	/**
	 * Read Maven's {@code project.build.outputTimestamp}: an ISO-8601 instant or seconds
	 * since the epoch; unset, or one character (Maven's way to turn it off), means none.
	 * @param outputTimestamp the property's value
	 * @return the entry time
	 * @throws IllegalArgumentException if the value is neither form
	 */
	static EntryTime of(@Nullable String outputTimestamp) {
		if (outputTimestamp == null || outputTimestamp.trim().length() < 2) {
			return new EntryTime(null);
		}
		String value = outputTimestamp.trim();
		try {
			if (value.chars().allMatch(Character::isDigit)) {
				return new EntryTime(Long.parseLong(value) * 1000);
			}
			return new EntryTime(OffsetDateTime.parse(value).toInstant().toEpochMilli());
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new IllegalArgumentException("project.build.outputTimestamp is '" + value
					+ "': expected an ISO-8601 instant such as 2026-01-01T00:00:00Z or seconds since the epoch");
		}
	}

	/**
	 * Return the time for the entries written from a jar.
	 * @param source the jar the entries come from
	 * @return the time, in milliseconds, as a zip entry's local time holds it
	 */
	long millis(ZipFile source) {
		if (this.configured != null) {
			return asLocalTime(Math.max(DOS_EPOCH, this.configured));
		}
		ZipArchiveEntry manifest = source.getEntry(JarFile.MANIFEST_NAME);
		if (manifest == null) {
			manifest = Collections.list(source.getEntriesInPhysicalOrder()).stream().findFirst().orElse(null);
		}
		return (manifest != null && manifest.getTime() >= DOS_EPOCH) ? manifest.getTime() : DOS_EPOCH;
	}

	/**
	 * A zip entry keeps a local date and time: shift an instant so that the entry reads
	 * it in UTC on any machine, as Maven's archivers do.
	 */
	private static long asLocalTime(long instant) {
		return instant - TimeZone.getDefault().getOffset(instant);
	}

	/**
	 * Return an entry that holds the given bytes uncompressed, at the given time.
	 * @param name the entry's name
	 * @param content what it holds
	 * @param time its time
	 * @return the entry
	 */
	static ZipArchiveEntry stored(String name, byte[] content, long time) {
		ZipArchiveEntry entry = new ZipArchiveEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(content.length);
		CRC32 crc = new CRC32();
		crc.update(content);
		entry.setCrc(crc.getValue());
		entry.setTime(time);
		return entry;
	}

	@Override
	public String toString() {
		return (this.configured != null) ? Instant.ofEpochMilli(this.configured).toString()
				: "the time of each source jar's manifest";
	}

}
