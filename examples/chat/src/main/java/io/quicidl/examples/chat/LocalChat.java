package io.quicidl.examples.chat;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;

/**
 * A chat server on loopback QUIC with a self-signed certificate; {@link #join} connects a member
 * with a client of its own that pins the certificate's fingerprint.
 */
final class LocalChat implements AutoCloseable {
    private final Room room = new Room();
    private final Identity identity = Identity.selfSigned("localhost");
    private final Server server;

    LocalChat() {
        server = Server.builder()
                .identity(identity)
                .addService(ChatRoomServerBinding.bind(room))
                .start();
    }

    Room room() {
        return room;
    }

    ChatMember join(String name) {
        Client client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        return new ChatMember(name, client);
    }

    @Override
    public void close() {
        server.close();
    }
}
