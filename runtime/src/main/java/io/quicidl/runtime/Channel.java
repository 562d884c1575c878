package io.quicidl.runtime;

import io.quicidl.runtime.transport.CallConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * What generated client stubs make their calls on: a connection to one server, shared by any
 * number of concurrent calls of any pattern. Pass one to a stub's constructor
 * ({@code new ChatClient(channel)}); the stub hands it to the {@link ClientCalls} helper of each
 * method's pattern and never sees anything else of the runtime.
 *
 * <p>Only the runtime makes channels: a {@link Client} is the channel of a real QUIC connection,
 * an {@link InProcessChannel} (from {@link InProcessServer#newChannel()}) one to a server in the
 * same JVM. Both are thread-safe. A channel is closed by whoever made it (its own
 * {@code close()}); a stub never closes the channel it was given, and dropping a stub or a call
 * handle never closes it either.
 *
 * <p>{@link #intercept} gives a view of a channel whose calls pass through client interceptors.
 */
public abstract class Channel {
    /** Only the runtime's own channels exist: generated code depends on this type alone. */
    Channel() {}

    /** The connection calls run on; internal to the runtime, so that it never shows in a stub. */
    abstract CallConnection connection();

    /**
     * Runs this channel's interceptors over a call about to start; {@code null} when it has none,
     * which is what keeps a plain channel's calls free of interception.
     */
    InterceptedCall interceptCall(MethodDescriptor<?, ?> method, CallOptions options) {
        return null;
    }

    /**
     * This channel with {@code interceptors} in front of its calls, the first the outermost (see
     * {@link ClientInterceptor}). Intercepting an intercepted channel puts the new interceptors
     * outside the ones it had. The view shares this channel's connection: close this channel,
     * not the view (which has no {@code close()}). Thread-safe.
     */
    public final Channel intercept(ClientInterceptor... interceptors) {
        List<ClientInterceptor> chain = new ArrayList<>(List.of(interceptors));
        if (this instanceof InterceptedChannel inner) {
            chain.addAll(inner.interceptors());
        }
        return new InterceptedChannel(connection(), chain);
    }
}
