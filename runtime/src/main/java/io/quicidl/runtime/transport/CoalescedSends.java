package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Runs event-loop work so that the stream writes it makes leave in the same QUIC packets.
 *
 * <p>Netty QUIC asks quiche for packets after every stream write and sends them at once, unless
 * the connection is processing what it read: then it sends once, at the end of the read, for
 * every stream together (QuicheQuicChannel.connectionSendAndFlush). A task that writes the
 * responses of ten calls would make ten packets and ten system calls. This class puts such a
 * task inside the same "read in progress" bracket Netty's codec uses, through the two
 * package-private methods of Netty's QUIC channel that open and close it
 * ({@code markInFireChannelReadCompleteQueue}, {@code recvComplete}), so the ten responses share
 * packets. The methods are looked up once; where they cannot be reached (a different Netty
 * version, or the module system refusing access) the work runs unbracketed and
 * only the packing is lost.
 */
final class CoalescedSends {
    private static final System.Logger LOG = System.getLogger(CoalescedSends.class.getName());
    private static final MethodHandle OPEN_BRACKET;
    private static final MethodHandle CLOSE_BRACKET;

    static {
        MethodHandle open = null;
        MethodHandle close = null;
        try {
            Class<?> quicheChannel = Class.forName("io.netty.handler.codec.quic.QuicheQuicChannel");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(quicheChannel, MethodHandles.lookup());
            open = lookup.findVirtual(
                            quicheChannel, "markInFireChannelReadCompleteQueue", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, QuicChannel.class));
            close = lookup.findVirtual(quicheChannel, "recvComplete", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, QuicChannel.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            open = null;
            close = null;
            LOG.log(
                    Level.DEBUG,
                    "Netty QUIC's send bracket is not reachable: writes from tasks are sent one by one",
                    e);
        }
        OPEN_BRACKET = open;
        CLOSE_BRACKET = close;
    }

    private CoalescedSends() {}

    /** Whether writes from tasks are packed together on this class path. */
    static boolean available() {
        return OPEN_BRACKET != null;
    }

    /**
     * Event loop: runs {@code work}, then sends what its writes produced in as few packets as
     * QUIC allows. Inside a read already, Netty's own bracket is open and sends at its end.
     */
    static void run(QuicChannel channel, Runnable work) {
        if (OPEN_BRACKET == null || !channel.isActive() || !open(channel)) {
            work.run();
            return;
        }
        try {
            work.run();
        } finally {
            close(channel);
        }
    }

    private static boolean open(QuicChannel channel) {
        try {
            return (boolean) OPEN_BRACKET.invokeExact(channel);
        } catch (Throwable e) {
            throw new IllegalStateException("Netty QUIC's send bracket failed to open", e);
        }
    }

    private static void close(QuicChannel channel) {
        try {
            CLOSE_BRACKET.invokeExact(channel);
        } catch (Throwable e) {
            throw new IllegalStateException("Netty QUIC's send bracket failed to close", e);
        }
    }
}
