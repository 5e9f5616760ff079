// A library of web assets as front-end builds make them: 9,000 files in 6,000 directories, 13 MB
// of incompressible bytes, so that the deploy plugin must split it.
def root = new File(basedir, 'web-assets/src/main/resources/META-INF/resources/webjars')
root.deleteDir()
def random = new Random(7)
for (int i = 0; i < 6000; i++) {
	def directory = new File(root, "pkg-${i % 3000}/dist-${i}")
	directory.mkdirs()
	int files = (i % 2 == 0) ? 2 : 1
	for (int f = 0; f < files; f++) {
		def bytes = new byte[1450]
		random.nextBytes(bytes)
		new File(directory, "chunk-${f}.js").bytes = bytes
	}
}
return true
