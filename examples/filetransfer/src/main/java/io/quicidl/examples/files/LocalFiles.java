package io.quicidl.examples.files;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;

/**
 * A file server and a client connected to it, in one process over loopback QUIC: the server has a
 * self-signed certificate, the client pins its fingerprint. Closing closes both.
 */
final class LocalFiles implements AutoCloseable {
    private final Server server;
    private final Client client;
    private final Transfers transfers;

    LocalFiles() {
        Identity identity = Identity.selfSigned("localhost");
        server = Server.builder()
                .identity(identity)
                .addService(FilesServerBinding.bind(new FileStore()))
                .start();
        client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        transfers = new Transfers(new FilesClient(client));
    }

    Transfers transfers() {
        return transfers;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
