def log = new File(basedir, 'build.log').text
// 1.0 was installed with its schemas in the jar.
assert new File(localRepositoryPath, 'io/quicidl/it/breaking-inventory/1.0/breaking-inventory-1.0.jar').isFile()
// v2-compatible (new fields and rpcs, @idempotent, doc comments) passed fmt-check, lint and
// breaking, or the invoker would have failed this job; the builds are quiet, so only errors show.
// v2-breaking: one located diagnostic per break, in the compiler's format, named from the project directory.
assert log.contains('[ERROR] src/main/quic/inventory.quic:10:1: error[QIDL402]: rpc /it.inventory.Inventory/get was removed or renamed')
assert log.contains('[ERROR] src/main/quic/inventory.quic:13:3: error[QIDL403]: rpc /it.inventory.Inventory/scan changed its pattern from @unordered to @server_streaming')
assert log.contains("[ERROR] src/main/quic/inventory.quic:6:3: error[QIDL412]: field number 2 of message it.inventory.Item changed its type from 'int64' to 'sint64'")
assert log.contains('quicidl: 3 breaking change(s) against io.quicidl.it:breaking-inventory:1.0')
assert log.count('error[QIDL4') == 3 // each logged once; the failure names the count
// untidy: fmt-check names the file; unlinted: lint reports the finding at its place.
assert log.contains('[ERROR] src/main/quic/inventory.quic: not in the canonical layout')
assert log.contains('quicidl: 1 schema(s) not in the canonical layout')
assert log.contains("[ERROR] src/main/quic/inventory.quic:6:3: warning[QIDL502]: field name 'itemCount' is not lower_snake_case")
assert log.contains('quicidl: 1 lint finding(s)')
