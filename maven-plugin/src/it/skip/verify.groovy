assert !new File(basedir, 'target/generated-sources/quic').exists()
assert !new File(basedir, 'target/quicidl').exists()
assert !new File(basedir, 'target/classes/quic').exists()
