// The app's @SpringBootTest sent requests as two users of the emulator through its pooler: each read only
// their rows; session-bound work went to the direct host.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
return true
