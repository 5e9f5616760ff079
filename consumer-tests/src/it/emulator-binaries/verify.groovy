// The emulator brings PostgreSQL of one version for every platform a Java team develops or
// runs CI on: Linux x86-64 (glibc and Alpine), Linux arm64, macOS Intel and Apple Silicon,
// Windows; and no binaries of another version (embedded-postgres's own are older).
def expected = (new File(basedir, 'pom.xml').text =~ /<expected.postgres.binaries>([^<]+)</)[0][1]
def listed = new File(basedir, 'dependencies.txt').readLines()
	.collect { it.trim() }
	.findAll { it.startsWith('io.zonky.test.postgres:embedded-postgres-binaries-') }
def versions = [:]
listed.each { line ->
	def parts = line.split(':')
	versions[parts[1]] = parts[3]
}
def platforms = ['linux-amd64', 'linux-amd64-alpine', 'linux-arm64v8', 'darwin-amd64', 'darwin-arm64v8', 'windows-amd64']
platforms.each { platform ->
	def artifact = 'embedded-postgres-binaries-' + platform
	assert versions[artifact] == expected : "${artifact}: ${versions[artifact]} instead of ${expected} (${listed})"
}
assert versions.keySet().findAll { !it.endsWith('-bom') } == platforms.collect { 'embedded-postgres-binaries-' + it } as Set : "${versions}"
return true
