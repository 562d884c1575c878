package io.quicidl.examples.authz;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A vault server that requires client certificates and authorises by their CN: {@code admin} may
 * read and write, {@code reader} only read. Each client's calls pass a {@link CallLog}, which
 * prints their outcome; the reader's write is refused with PERMISSION_DENIED and never runs.
 */
public final class AuthzExample implements AutoCloseable {
    private final Identity serverIdentity = Identity.selfSigned("localhost");
    private final Identity admin = Identity.selfSigned("admin");
    private final Identity reader = Identity.selfSigned("reader");
    private final MemoryVault vault = new MemoryVault();
    private final Server server;

    AuthzExample() {
        server = Server.builder()
                .identity(serverIdentity)
                .requireClientCertificates(TrustPolicy.pinned(admin.fingerprint(), reader.fingerprint()))
                .intercept(new PeerAuthorization(Map.of(
                        "admin", Set.of(VaultMethods.READ.fullName(), VaultMethods.WRITE.fullName()),
                        "reader", Set.of(VaultMethods.READ.fullName()))))
                .addService(VaultServerBinding.bind(vault))
                .start();
    }

    public static void main(String[] args) {
        try (AuthzExample example = new AuthzExample()) {
            example.run(System.out::println);
        }
    }

    MemoryVault vault() {
        return vault;
    }

    /** A connection as the client with certificate {@code identity}. */
    Client connect(Identity identity) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(serverIdentity.fingerprint()))
                .identity(identity)
                .connect();
    }

    Identity admin() {
        return admin;
    }

    Identity reader() {
        return reader;
    }

    void run(Consumer<String> out) {
        try (Client asAdmin = connect(admin);
                Client asReader = connect(reader)) {
            VaultClient adminVault = new VaultClient(asAdmin.intercept(new CallLog("admin ", out)));
            VaultClient readerVault = new VaultClient(asReader.intercept(new CallLog("reader", out)));

            adminVault.write(
                    WriteRequest.newBuilder().name("db").value("s3cret").build());
            Secret secret = readerVault.read(ReadRequest.newBuilder().name("db").build());
            out.accept("reader read \"" + secret.value() + "\", written by " + secret.writtenBy());
            try {
                readerVault.write(
                        WriteRequest.newBuilder().name("db").value("mine").build());
            } catch (StatusException e) {
                out.accept("reader's write refused: " + e.code() + " (writes run: " + vault.writes() + ")");
            }
        }
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(5));
    }
}
