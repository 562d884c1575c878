package io.quicidl.runtime.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicChannel;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Lets a client's connection become active when its handshake completes, not a round trip later.
 *
 * <p>Netty QUIC declares a connection established (connect promise, {@code channelActive}) only
 * while it processes received packets. On a client the handshake completes elsewhere: the
 * server's certificate is checked in a TLS task, and the client's Finished leaves from the event
 * loop task that resumes the handshake after it, which does not look again. The connection then
 * became active only when the next packet arrived — the server's HANDSHAKE_DONE, one more round
 * trip, and it learnt the server's stream credit only then too (captured: a fresh connect took
 * 2 RTT, a call after it 3). This runs what Netty runs after received packets
 * ({@code QuicChannelUnsafe.processReceived}, private, reached once as in {@link CoalescedSends}:
 * activation, stream credit, readable streams) until the connection is active; where it cannot
 * be reached (a different Netty version, the module path) connections become active as before,
 * a round trip late.
 */
final class EstablishedCheck {
    private static final System.Logger LOG = System.getLogger(EstablishedCheck.class.getName());
    /** (QuicChannel) → its QuicheQuicConnection, or null before it has one. */
    private static final MethodHandle CONNECTION;
    /** (unsafe, connection) → Netty's work after received packets, which fires channelActive once quiche is established. */
    private static final MethodHandle CHECK;

    static {
        MethodHandle connection = null;
        MethodHandle check = null;
        try {
            String quic = "io.netty.handler.codec.quic.";
            Class<?> channelClass = Class.forName(quic + "QuicheQuicChannel");
            Class<?> connectionClass = Class.forName(quic + "QuicheQuicConnection");
            Class<?> unsafeClass = Class.forName(quic + "QuicheQuicChannel$QuicChannelUnsafe");
            connection = MethodHandles.privateLookupIn(channelClass, MethodHandles.lookup())
                    .findGetter(channelClass, "connection", connectionClass)
                    .asType(MethodType.methodType(Object.class, QuicChannel.class));
            check = MethodHandles.privateLookupIn(unsafeClass, MethodHandles.lookup())
                    .findVirtual(unsafeClass, "processReceived", MethodType.methodType(void.class, connectionClass))
                    .asType(MethodType.methodType(void.class, Channel.Unsafe.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            connection = null;
            check = null;
            LOG.log(
                    Level.DEBUG,
                    "Netty QUIC's activation check is not reachable: a client connects a round trip late",
                    e);
        }
        CONNECTION = connection;
        CHECK = check;
    }

    private EstablishedCheck() {}

    /** Whether the check can be reached on this class path. */
    static boolean available() {
        return CHECK != null;
    }

    /** Event loop: makes the connection active now if quiche has completed its handshake. */
    static void run(QuicChannel channel) {
        if (CHECK == null || channel.isActive() || !channel.isOpen()) {
            return;
        }
        try {
            Object connection = (Object) CONNECTION.invokeExact(channel);
            if (connection != null) {
                CHECK.invokeExact(channel.unsafe(), connection);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("Netty QUIC's activation check failed", e);
        }
    }
}
