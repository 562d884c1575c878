def log = new File(basedir, 'build.log').text
// A warning alone fails the build when failOnWarnings is set; it is logged as an error, so
// this quiet (-q) build shows it.
assert log.contains('[ERROR] src/main/quic/events.quic:3:1: warning[QIDL301]: ')
assert log.contains('quicidl: 1 schema warning(s) and failOnWarnings is set, listed above')
// The failed run is not recorded, so the next build checks the schemas again.
assert !new File(basedir, 'target/quicidl/generate-default/inputs.sha256').exists()
