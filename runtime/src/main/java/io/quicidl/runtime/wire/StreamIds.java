package io.quicidl.runtime.wire;

/**
 * QUIC stream ids (RFC 9000 §2.1; SPEC.md §1): the two low bits name the kind, the rest is the
 * stream's index among streams of that kind.
 *
 * <pre>
 *   bits 0x1 0x2   kind                      ids
 *        0   0     client-initiated bidi     0, 4, 8 …
 *        1   0     server-initiated bidi     1, 5, 9 …
 *        0   1     client-initiated uni      2, 6, 10 …
 *        1   1     server-initiated uni      3, 7, 11 …
 * </pre>
 *
 * <p>GOAWAY carries its limits as stream ids, not counts (SPEC.md §6.3): {@link #limit} and
 * {@link #countBelow} convert between the two. Where a Netty stream channel is at hand,
 * {@code QuicStreamChannel.type()} and {@code isLocalCreated()} answer the same questions.
 * Pure functions, for any thread.
 */
public final class StreamIds {
    /** The largest stream id QUIC allows, 2^62-1. */
    public static final long MAX_ID = QuicVarint.MAX_VALUE;

    private static final long SERVER_INITIATED = 0x1;
    private static final long UNIDIRECTIONAL = 0x2;
    private static final int KIND_BITS = 2;

    private StreamIds() {}

    /** Whether the stream is bidirectional. */
    public static boolean isBidirectional(long streamId) {
        return (streamId & UNIDIRECTIONAL) == 0;
    }

    /** Whether the client (the endpoint that opened the connection) opened the stream. */
    public static boolean isClientInitiated(long streamId) {
        return (streamId & SERVER_INITIATED) == 0;
    }

    /** The stream's index among the streams of its kind: 0 for the first one opened. */
    public static long index(long streamId) {
        return streamId >>> KIND_BITS;
    }

    /** The id of the stream of the given kind with the given index. */
    public static long id(boolean bidirectional, boolean clientInitiated, long index) {
        if (index < 0 || index > (MAX_ID >>> KIND_BITS)) {
            throw new IllegalArgumentException("stream index out of range: " + index);
        }
        return (index << KIND_BITS) | (bidirectional ? 0 : UNIDIRECTIONAL) | (clientInitiated ? 0 : SERVER_INITIATED);
    }

    /** The first stream id of a kind: 0, 1, 2 or 3. */
    public static long first(boolean bidirectional, boolean clientInitiated) {
        return id(bidirectional, clientInitiated, 0);
    }

    /** The id of the next stream of the same kind. */
    public static long next(long streamId) {
        return streamId + (1L << KIND_BITS);
    }

    /**
     * A limit, as a stream id, that admits exactly the first {@code count} streams of a kind:
     * the id of the stream with index {@code count}.
     */
    public static long limit(boolean bidirectional, boolean clientInitiated, long count) {
        return id(bidirectional, clientInitiated, count);
    }

    /** How many streams of a kind have ids below {@code limit}: the count a limit stands for. */
    public static long countBelow(boolean bidirectional, boolean clientInitiated, long limit) {
        long first = first(bidirectional, clientInitiated);
        if (limit <= first) {
            return 0;
        }
        return (limit - first + (1L << KIND_BITS) - 1) >>> KIND_BITS;
    }
}
