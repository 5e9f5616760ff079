// The @SpringBootTests ran against the emulator through @ImportLakebaseEmulator, on binaries
// unpacked into the fresh directory; then spring-boot:test-run started TestNotesApplication on it.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('NoSuchMethodError')
assert !log.contains('Found multiple occurrences of org.json.JSONObject')
def testRun = log.lastIndexOf(':test-run (default-cli)')
assert testRun > 0
def tests = log.substring(0, testRun)
def run = log.substring(testRun)
// Three declarations in the tests: three emulators, the first shared by the two classes that import it
assert tests.count('Lakebase emulator started in') == 3
// The branch-per-run test got a branch of its own (EphemeralBranchIntegrationTests checks deletion)
assert tests =~ /Created Lakebase branch projects\/emulator\/branches\/test-/
assert run.count('Lakebase emulator started in') == 1
assert run =~ /notes: 1 as [0-9a-f-]{36}/
def unpacked = []
new File(basedir, 'target/fresh-tmp').eachFileRecurse { if (it.name == 'postgres' || it.name == 'pg_ctl') unpacked << it }
assert !unpacked.isEmpty()
// Every emulator closed with its context or its JVM: no data directory is left behind
def left = []
new File(basedir, 'target/fresh-tmp').eachFile { if (it.name.startsWith('lbemu')) left << it.name }
assert left.isEmpty() : "emulator directories left: ${left}"
return true
