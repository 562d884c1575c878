package io.quicidl.runtime.call;

/** The connection-end scenarios over the in-memory transport. */
class MemoryConnectionEndTest extends ConnectionEndScenarios {
    @Override
    ConnectionPair.Factory factory() {
        return MemoryTransport.factory(new MemoryTransport.Settings());
    }
}
