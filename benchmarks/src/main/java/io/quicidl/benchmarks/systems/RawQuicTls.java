package io.quicidl.benchmarks.systems;

import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.quicidl.runtime.tls.Identity;
import java.security.cert.X509Certificate;

/** TLS of the raw QUIC peer: one self-signed server certificate that clients trust by name "localhost". */
final class RawQuicTls {
    /** The host name in the certificate and the client's SNI. */
    static final String SERVER_NAME = "localhost";

    private final Identity identity = Identity.selfSigned(SERVER_NAME);

    /** The server's context, offering every {@link RawQuicProtocol}. */
    QuicSslContext serverContext() {
        return QuicSslContextBuilder.forServer(
                        identity.privateKey(), null, identity.certificateChain().toArray(X509Certificate[]::new))
                .applicationProtocols(RawQuicProtocol.allAlpns())
                .build();
    }

    /** A client context for {@code protocol} that trusts exactly the server's certificate. */
    QuicSslContext clientContext(RawQuicProtocol protocol) {
        return QuicSslContextBuilder.forClient()
                .trustManager(identity.certificateChain().get(0))
                .applicationProtocols(protocol.alpn())
                .build();
    }
}
