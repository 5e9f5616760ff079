package com.example.notes;

import dev.lakebase.spring.test.LakebaseEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

// The same declaration as NotesApplicationTests: the same cached context, so the same emulator.
@SpringBootTest
@Import(LakebaseEmulatorConfiguration.class)
class SharedEmulatorTests {

	@Autowired
	LakebaseEmulator lakebase;

	@Test
	void usesTheEmulatorOfItsDeclaration() {
		assertThat(this.lakebase.endpoint().counters().logins()).isPositive();
	}

}
