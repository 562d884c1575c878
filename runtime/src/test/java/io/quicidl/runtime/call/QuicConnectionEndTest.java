package io.quicidl.runtime.call;

/** The connection-end scenarios over real QUIC on loopback. */
class QuicConnectionEndTest extends ConnectionEndScenarios {
    @Override
    ConnectionPair.Factory factory() {
        return QuicConnectionPair.factory();
    }
}
