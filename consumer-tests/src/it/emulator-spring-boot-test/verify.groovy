// The @SpringBootTest ran against the emulator, on binaries unpacked into the fresh directory.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('NoSuchMethodError')
assert !log.contains('Found multiple occurrences of org.json.JSONObject')
def unpacked = []
new File(basedir, 'target/fresh-tmp').eachFileRecurse { if (it.name == 'postgres' || it.name == 'pg_ctl') unpacked << it }
assert !unpacked.isEmpty()
return true
