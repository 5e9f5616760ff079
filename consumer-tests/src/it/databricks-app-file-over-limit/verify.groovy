// The build fails, and its message names the file over the limit and the entry in it.
def log = new File(basedir, 'build.log').text
assert log.contains('cannot meet the platform\'s limits')
assert log.contains('app.jar (11.0 MB): app.jar holds model.bin (11.0 MB compressed)')
return true
