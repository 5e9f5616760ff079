package com.example.notes;

import dev.lakebase.spring.test.context.ImportLakebaseBranch;

import org.springframework.boot.test.context.TestConfiguration;

@TestConfiguration(proxyBeanMethods = false)
@ImportLakebaseBranch(ttl = "2h", keepOnFailure = true)
class BranchPerRunConfiguration {

}
