// A fresh java.io.tmpdir for the tests: PostgreSQL's binaries are unpacked anew, as on a new machine.
def tmp = new File(basedir, 'target/fresh-tmp')
tmp.deleteDir()
assert tmp.mkdirs()
return true
