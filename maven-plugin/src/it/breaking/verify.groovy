def log = new File(basedir, 'build.log').text
// 1.0 was installed with its schemas in the jar.
assert new File(localRepositoryPath, 'io/quicidl/it/breaking-inventory/1.0/breaking-inventory-1.0.jar').isFile()
// New fields and rpcs, @idempotent and doc comments are compatible.
assert log.contains('No breaking changes against io.quicidl.it:breaking-inventory:1.0')
// One located diagnostic per break, in the compiler's format, named from the project directory.
assert log.contains('[ERROR] src/main/quic/inventory.quic:10:1: error[QIDL402]: rpc /it.inventory.Inventory/get was removed or renamed')
assert log.contains('[ERROR] src/main/quic/inventory.quic:12:3: error[QIDL403]: rpc /it.inventory.Inventory/scan changed its pattern from @unordered to @server_streaming')
assert log.contains("[ERROR] src/main/quic/inventory.quic:6:3: error[QIDL412]: field number 2 of message it.inventory.Item changed its type from 'int64' to 'sint64'")
assert log.contains('quicidl: 3 breaking change(s) against io.quicidl.it:breaking-inventory:1.0')
// Both later versions are in the canonical layout.
assert log.count('schema(s) in the canonical layout') == 2
