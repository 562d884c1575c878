def generated = new File(basedir, 'target/generated-sources/quic/it/greeter/api')
assert new File(generated, 'Hello.java').isFile()
assert new File(generated, 'GreeterClient.java').isFile()
assert new File(basedir, 'target/classes/it/greeter/api/Greeting.class').isFile()
// The schema is packed into the jar for modules that import it.
assert new File(basedir, 'target/classes/quic/greeter.quic').isFile()
// The loopback call test ran and passed.
def report = new File(basedir, 'target/surefire-reports/TEST-it.greeter.GreeterCallTest.xml')
assert report.isFile()
assert report.text.contains('tests="1"') && report.text.contains('failures="0"') && report.text.contains('errors="0"')
