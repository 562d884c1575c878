package io.quicidl.runtime;

/** How a {@code @realtime} call carries its messages: the schema's {@code delivery} option. */
public enum RealtimeDelivery {
    /** One client uni stream per message (SPEC.md §5.7), the default. */
    STREAM,
    /** One QUIC DATAGRAM frame per message, behind one CALL stream (SPEC.md §5.9). */
    DATAGRAM
}
