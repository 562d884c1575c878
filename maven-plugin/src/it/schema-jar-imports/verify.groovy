import java.util.zip.ZipFile

def jarIn = { File directory -> directory.listFiles().find { it.name.endsWith('.jar') } }

def schemasJar = jarIn(new File(basedir, 'schemas/target'))
new ZipFile(schemasJar).withCloseable { jar ->
    assert jar.getEntry('quic/common/money.quic') != null
    assert jar.getEntry('it/common/Money.class') != null
}
def app = new File(basedir, 'app')
def generated = new File(app, 'target/generated-sources/quic/it')
assert new File(generated, 'billing/Invoice.java').isFile()
// The imported schema's classes come from the schema jar, not from this module.
assert !new File(generated, 'common').exists()
assert new File(app, 'target/classes/it/billing/Invoices.class').isFile()
new ZipFile(jarIn(new File(app, 'target'))).withCloseable { jar ->
    assert jar.getEntry('quic/billing.quic') != null
    assert jar.getEntry('quic/common/money.quic') == null
}
