package io.quicidl.runtime;

/** How a method uses QUIC streams (SPEC.md §5). Each method has exactly one. */
public enum Pattern {
    /** One request, one response, on one client bidi stream. */
    UNARY(false, false),
    /** One request, a stream of responses, on one client bidi stream. */
    SERVER_STREAMING(false, true),
    /** A stream of requests, one response, on one client bidi stream. */
    CLIENT_STREAMING(true, false),
    /** Streams both ways at once on one client bidi stream. */
    DUPLEX(true, true),
    /** A stream of requests on one client uni stream, no response. */
    NOTIFICATIONS(true, false),
    /** One request; each response on its own server uni stream, in completion order. */
    UNORDERED(false, true),
    /** A stream of requests, each on its own client uni stream; stale ones are dropped. */
    REALTIME(true, false);

    private final boolean clientStreaming;
    private final boolean serverStreaming;

    Pattern(boolean clientStreaming, boolean serverStreaming) {
        this.clientStreaming = clientStreaming;
        this.serverStreaming = serverStreaming;
    }

    /** Whether the client sends any number of request messages. */
    public boolean clientStreaming() {
        return clientStreaming;
    }

    /** Whether the server sends any number of response messages. */
    public boolean serverStreaming() {
        return serverStreaming;
    }

    /** Whether the method has responses at all. */
    public boolean hasResponse() {
        return this != NOTIFICATIONS && this != REALTIME;
    }
}
