package io.quicidl.runtime.call;

/** The call scenarios over real QUIC on loopback. */
class QuicCallScenariosTest extends CallScenarios {
    @Override
    ConnectionPair.Factory factory() {
        return QuicConnectionPair.factory();
    }
}
