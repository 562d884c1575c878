import java.util.zip.ZipFile

def jarIn = { File directory -> directory.listFiles().find { it.name.endsWith('.jar') } }

new ZipFile(jarIn(new File(basedir, 'sdk/target'))).withCloseable { jar ->
    // roles = client and javaPackage: client stubs and messages in the SDK's package, no server side.
    assert jar.getEntry('com/acme/greeter/sdk/GreeterClient.class') != null
    assert jar.getEntry('com/acme/greeter/sdk/GreeterAsyncClient.class') != null
    assert jar.getEntry('com/acme/greeter/sdk/Hello.class') != null
    assert jar.getEntry('com/acme/greeter/sdk/GreeterServer.class') == null
    assert jar.getEntry('com/acme/greeter/sdk/GreeterServerBinding.class') == null
}
// Published to the repository, and the application built against it from there.
assert new File(localRepositoryPath, 'io/quicidl/it/client-sdk-greeter').isDirectory()
assert new File(basedir, 'app/target/classes/it/app/Greet.class').isFile()
