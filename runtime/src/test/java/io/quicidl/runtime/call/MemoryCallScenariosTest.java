package io.quicidl.runtime.call;

/** The call scenarios over the in-memory transport, with random chunk boundaries. */
class MemoryCallScenariosTest extends CallScenarios {
    @Override
    ConnectionPair.Factory factory() {
        return MemoryTransport.factory(new MemoryTransport.Settings());
    }
}
