package io.quicidl.idl.model;

/**
 * How an rpc uses QUIC streams, chosen by its pattern annotation. Each pattern fixes the
 * rpc's signature: whether the request is a stream, and whether there is a response and
 * whether it is a stream.
 */
public enum RpcPattern {
    UNARY("unary", false, true, false),
    SERVER_STREAMING("server_streaming", false, true, true),
    CLIENT_STREAMING("client_streaming", true, true, false),
    DUPLEX("duplex", true, true, true),
    NOTIFICATIONS("notifications", true, false, false),
    UNORDERED("unordered", false, true, true),
    REALTIME("realtime", true, false, false);

    private final String annotationName;
    private final boolean clientStreaming;
    private final boolean hasResponse;
    private final boolean serverStreaming;

    RpcPattern(String annotationName, boolean clientStreaming, boolean hasResponse, boolean serverStreaming) {
        this.annotationName = annotationName;
        this.clientStreaming = clientStreaming;
        this.hasResponse = hasResponse;
        this.serverStreaming = serverStreaming;
    }

    /** The annotation without its {@code @}, e.g. {@code server_streaming}. */
    public String annotationName() {
        return annotationName;
    }

    public boolean clientStreaming() {
        return clientStreaming;
    }

    public boolean hasResponse() {
        return hasResponse;
    }

    public boolean serverStreaming() {
        return serverStreaming;
    }

    /** Whether an rpc with this shape of signature fits the pattern. */
    public boolean fits(boolean requestStreaming, boolean response, boolean responseStreaming) {
        return clientStreaming == requestStreaming && hasResponse == response && serverStreaming == responseStreaming;
    }

    /** The signature the pattern requires, e.g. {@code rpc m(A) returns (stream B)}. */
    public String signature(String rpcName) {
        String request = "rpc " + rpcName + "(" + (clientStreaming ? "stream A" : "A") + ")";
        if (!hasResponse) {
            return request;
        }
        return request + " returns (" + (serverStreaming ? "stream B" : "B") + ")";
    }
}
