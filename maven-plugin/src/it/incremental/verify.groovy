// Later builds of the same project, run here so the schemas can change in between. They are
// offline and use what the first build put into the test repository (-llr: whichever
// repository each artifact came from).
def mvn = { String... args ->
    def command = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-llr', '-Denforcer.skip',
                   "-Dmaven.repo.local=${localRepositoryPath}", 'generate-sources'] + args.toList()
    def builder = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true)
    builder.environment().put('MAVEN_OPTS', '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC')
    def process = builder.start()
    def log = process.inputStream.text
    assert process.waitFor() == 0 : log
    log
}
def generated = new File(basedir, 'target/generated-sources/quic/it')
def account = new File(generated, 'accounts/Account.java')
def auditEntry = new File(generated, 'audit/AuditEntry.java')
assert account.isFile() && auditEntry.isFile()
def firstWrite = account.lastModified()
sleep(1100) // so that a rewrite would show in the file time

// Unchanged inputs: nothing is generated.
def log = mvn()
assert log.contains('Generated sources are up to date (2 schemas')
assert account.lastModified() == firstWrite

// A changed schema: everything is regenerated.
def accounts = new File(basedir, 'src/main/quic/accounts.quic')
accounts.text = accounts.text.replace('int64 balance = 2;', 'int64 balance = 2; string owner = 3;')
log = mvn()
assert log.contains('Generated ') && log.contains(' Java files from 2 schemas')
assert account.text.contains('owner')

// A deleted schema: its outputs go.
new File(basedir, 'src/main/quic/audit.quic').delete()
log = mvn()
assert log.contains(' Java files from 1 schema into ')
assert account.isFile()
assert !auditEntry.exists() && !auditEntry.parentFile.exists()

