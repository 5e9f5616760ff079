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

package dev.lakebase.spring.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OrphanedServers}: the directories of emulators whose JVM is gone are removed,
 * and nothing that belongs to a living process is touched.
 */
class OrphanedServersTests {

	@TempDir
	Path parent;

	@Test
	void aDirectoryOfThisJvmIsKept() throws Exception {
		Path mine = emulatorDirectory("lbemu-mine");
		OrphanedServers.recordOwner(mine, mine);
		assertThat(OrphanedServers.reap(this.parent)).isEmpty();
		assertThat(mine).isDirectory();
	}

	@Test
	void aDirectoryOfAProcessThatEndedIsRemovedWithItsSocketDirectory() throws Exception {
		Path orphan = emulatorDirectory("lbemu-orphan");
		Path socket = Files.createDirectories(this.parent.resolve("socket-of-orphan"));
		writeOwner(orphan, endedProcessId(), null, socket);
		assertThat(OrphanedServers.reap(this.parent)).containsExactly(orphan);
		assertThat(orphan).doesNotExist();
		assertThat(socket).doesNotExist();
	}

	@Test
	void aLivingProcessIdGivenToAnotherProgramSinceCountsAsEnded() throws Exception {
		Path orphan = emulatorDirectory("lbemu-reused-pid");
		writeOwner(orphan, ProcessHandle.current().pid(), "2000-01-01T00:00:00Z", orphan);
		assertThat(OrphanedServers.reap(this.parent)).containsExactly(orphan);
	}

	@Test
	void aProcessNamedInPostmasterPidThatIsNotItsPostgresIsLeftRunning() throws Exception {
		Process other = new ProcessBuilder("sleep", "60").start();
		try {
			Path orphan = emulatorDirectory("lbemu-foreign-pid");
			Path data = Files.createDirectories(orphan.resolve("data"));
			Files.writeString(data.resolve("postmaster.pid"), other.pid() + "\n", StandardCharsets.UTF_8);
			writeOwner(orphan, endedProcessId(), null, orphan);
			assertThat(OrphanedServers.reap(this.parent)).containsExactly(orphan);
			assertThat(other.isAlive()).isTrue();
		}
		finally {
			other.destroyForcibly();
		}
	}

	@Test
	void directoriesWithoutAnOwnerOrOfAnotherNameAreKept() throws Exception {
		Path unowned = emulatorDirectory("lbemu-unowned");
		Path other = emulatorDirectory("something-else");
		writeOwner(other, endedProcessId(), null, other);
		assertThat(OrphanedServers.reap(this.parent)).isEmpty();
		assertThat(unowned).isDirectory();
		assertThat(other).isDirectory();
	}

	private Path emulatorDirectory(String name) throws Exception {
		return Files.createDirectories(this.parent.resolve(name));
	}

	private static void writeOwner(Path directory, long pid, String start, Path socket) throws Exception {
		StringBuilder owner = new StringBuilder("pid=" + pid + "\n");
		if (start != null) {
			owner.append("start=").append(start.replace(":", "\\:")).append('\n');
		}
		owner.append("socket=").append(socket.toString().replace("\\", "\\\\").replace(":", "\\:")).append('\n');
		Files.writeString(directory.resolve("owner.properties"), owner, StandardCharsets.UTF_8);
	}

	private static long endedProcessId() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.pid();
	}

}
