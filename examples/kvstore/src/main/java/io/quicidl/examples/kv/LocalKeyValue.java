package io.quicidl.examples.kv;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;

/**
 * A key-value server and a client connected to it, in one process over loopback QUIC: the server
 * has a self-signed certificate, the client pins its fingerprint. Closing closes both.
 */
final class LocalKeyValue implements AutoCloseable {
    private final Server server;
    private final Client client;
    private final KeyValueClient keyValue;

    LocalKeyValue() {
        Identity identity = Identity.selfSigned("localhost");
        server = Server.builder()
                .identity(identity)
                .addService(KeyValueServerBinding.bind(new VersionedStore()))
                .start();
        client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        keyValue = new KeyValueClient(client);
    }

    /** The blocking stub, connected. */
    KeyValueClient keyValue() {
        return keyValue;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
