def log = new File(basedir, 'build.log').text
// Every error of the file, each at its place, in the compiler's format (path from the project directory).
assert log.contains('[ERROR] src/main/quic/broken.quic:5:3: error[QIDL111]: ')
assert log.contains("[ERROR] src/main/quic/broken.quic:6:3: error[QIDL111]: unknown type 'Adress'")
assert log.contains('quicidl: 2 schema error(s), listed above')
// Nothing is generated from a schema set with errors, not even from the good file.
assert !new File(basedir, 'target/generated-sources/quic/it').exists()
// Each diagnostic is logged once: the command-line build context does not repeat it, nor does
// the failure message.
assert log.count("unknown type 'Custmer'") == 1
