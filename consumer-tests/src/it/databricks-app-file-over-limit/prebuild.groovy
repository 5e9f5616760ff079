// An application resource that no split can bring under 10 MB: 11 MB of random bytes.
def resources = new File(basedir, 'src/main/resources')
resources.mkdirs()
def bytes = new byte[11_000_000]
new Random(42).nextBytes(bytes)
new File(resources, 'model.bin').bytes = bytes
return true
