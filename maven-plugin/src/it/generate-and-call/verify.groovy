def generated = new File(basedir, 'target/generated-sources/quic/it/greeter/api')
assert new File(generated, 'Hello.java').isFile()
assert new File(generated, 'GreeterClient.java').isFile()
assert new File(basedir, 'target/classes/it/greeter/api/Greeting.class').isFile()
// The schema is packed into the jar for modules that import it.
assert new File(basedir, 'target/classes/quic/greeter.quic').isFile()
