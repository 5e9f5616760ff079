package com.example.notes;

import dev.lakebase.spring.test.context.ImportLakebaseEmulator;

import org.springframework.boot.test.context.TestConfiguration;

@TestConfiguration(proxyBeanMethods = false)
@ImportLakebaseEmulator
class LakebaseEmulatorConfiguration {

}
