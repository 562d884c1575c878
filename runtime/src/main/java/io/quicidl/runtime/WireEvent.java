package io.quicidl.runtime;

import io.quicidl.runtime.wire.StreamIds;

/**
 * One thing an endpoint did or saw on the wire (see {@link WireTap}).
 *
 * @param endpoint "client" or "server"
 * @param connection the endpoint's number for the connection, counting from 1
 * @param type what happened
 * @param streamId the QUIC stream id, or -1 for connection events
 * @param code the application error code (RESET_STREAM, STOP_SENDING, CONNECTION_CLOSE), else 0
 * @param detail extra text: the peer's close reason, the frame that opened a stream …
 */
public record WireEvent(String endpoint, long connection, Type type, long streamId, long code, String detail) {
    /** Kinds of wire events. */
    public enum Type {
        STREAM_OPENED,
        FIN_SENT,
        FIN_RECEIVED,
        RESET_SENT,
        RESET_RECEIVED,
        STOP_SENT,
        STOP_RECEIVED,
        CLOSE_SENT,
        CLOSE_RECEIVED,
        CONNECTION_LOST,
        /**
         * A received {@code @realtime} QUIC DATAGRAM was dropped (SPEC.md §5.9); the stream id is
         * the call id it named, the detail why: stale, old, unknown call, ended call, malformed.
         */
        DATAGRAM_DROPPED
    }

    /** Whether the stream is bidirectional (RFC 9000 §2.1). */
    public boolean bidirectional() {
        return StreamIds.isBidirectional(streamId);
    }

    /** Whether the client opened the stream (RFC 9000 §2.1). */
    public boolean clientInitiated() {
        return StreamIds.isClientInitiated(streamId);
    }

    /** A short human-readable line, e.g. {@code client#1 RESET_SENT stream 4 (client bidi) code 0x1}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder()
                .append(endpoint)
                .append('#')
                .append(connection)
                .append(' ')
                .append(type);
        if (streamId >= 0) {
            line.append(" stream ")
                    .append(streamId)
                    .append(" (")
                    .append(clientInitiated() ? "client " : "server ")
                    .append(bidirectional() ? "bidi" : "uni")
                    .append(')');
        }
        if (type == Type.RESET_SENT
                || type == Type.RESET_RECEIVED
                || type == Type.STOP_SENT
                || type == Type.STOP_RECEIVED
                || type == Type.CLOSE_SENT
                || type == Type.CLOSE_RECEIVED) {
            line.append(" code 0x").append(Long.toHexString(code));
        }
        if (!detail.isEmpty()) {
            line.append(' ').append(detail);
        }
        return line.toString();
    }
}
