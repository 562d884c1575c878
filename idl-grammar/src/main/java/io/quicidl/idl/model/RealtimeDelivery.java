package io.quicidl.idl.model;

/** How a {@code @realtime} rpc carries its messages: {@code @realtime(delivery = …)}. */
public enum RealtimeDelivery {
    /** One QUIC stream per message, the default. */
    STREAM("stream"),
    /** One QUIC DATAGRAM frame per message: never retransmitted. */
    DATAGRAM("datagram");

    private final String schemaName;

    RealtimeDelivery(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The name a schema writes, e.g. {@code datagram}. */
    public String schemaName() {
        return schemaName;
    }
}
