package io.quicidl.runtime.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What Netty QUIC does not expose about a stream's FINs, reached once as in
 * {@link EstablishedCheck}: whether quiche holds the receive half finished while Netty neither
 * reported the FIN nor expects more to read, and writing a FIN again.
 *
 * <p>Needed for a quiche behaviour seen under loss (captured at 5% loss with reordering): the
 * peer sends data, later a FIN; the receiver reads the data; the peer, believing the data lost,
 * retransmits it with the FIN in one STREAM frame. quiche records the final size from that frame
 * but drops the frame as duplicate data, so the stream is finished (all data read, final size
 * known) yet never becomes readable again: Netty never reads the FIN and the call waits forever.
 * Where these internals cannot be reached (another Netty version, the module path), such a call
 * ends only by its deadline or the server's idle-call timeout, as before.
 */
final class QuicheStreamState {
    private static final System.Logger LOG = System.getLogger(QuicheStreamState.class.getName());
    /** (QuicChannel) → its QuicheQuicConnection, or null once freed. */
    private static final MethodHandle CONNECTION;
    /** (QuicheQuicConnection) → whether the native connection is freed (its address is then invalid). */
    private static final MethodHandle FREED;
    /** (QuicheQuicConnection) → the native connection's address. */
    private static final MethodHandle ADDRESS;
    /** (address, stream id) → quiche's {@code stream_finished}: final size known and all read. */
    private static final MethodHandle FINISHED;
    /** (stream channel) → Netty's "quiche said readable and it has not been read to DONE yet". */
    private static final MethodHandle NETTY_READABLE;
    /** (stream channel) → Netty read the FIN. */
    private static final MethodHandle NETTY_FIN_RECEIVED;
    /** (QuicChannel, stream id) → Netty hands quiche an empty write with FIN again, then sends. */
    private static final MethodHandle SEND_FIN;
    /** (stream channel, value) → sets Netty's "our FIN was written", which its close() consults. */
    private static final MethodHandle SET_NETTY_FIN_SENT;

    static {
        MethodHandle connection = null;
        MethodHandle freed = null;
        MethodHandle address = null;
        MethodHandle finished = null;
        MethodHandle readable = null;
        MethodHandle finReceived = null;
        MethodHandle sendFin = null;
        MethodHandle setFinSent = null;
        try {
            String quic = "io.netty.handler.codec.quic.";
            Class<?> channelClass = Class.forName(quic + "QuicheQuicChannel");
            Class<?> connectionClass = Class.forName(quic + "QuicheQuicConnection");
            Class<?> streamClass = Class.forName(quic + "QuicheQuicStreamChannel");
            Class<?> quicheClass = Class.forName(quic + "Quiche");
            MethodHandles.Lookup channels = MethodHandles.privateLookupIn(channelClass, MethodHandles.lookup());
            MethodHandles.Lookup streams = MethodHandles.privateLookupIn(streamClass, MethodHandles.lookup());
            connection = channels.findGetter(channelClass, "connection", connectionClass)
                    .asType(MethodType.methodType(Object.class, QuicChannel.class));
            MethodHandles.Lookup connections = MethodHandles.privateLookupIn(connectionClass, MethodHandles.lookup());
            freed = connections
                    .findVirtual(connectionClass, "isFreed", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            address = connections
                    .findVirtual(connectionClass, "address", MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
            finished = MethodHandles.privateLookupIn(quicheClass, MethodHandles.lookup())
                    .findStatic(
                            quicheClass,
                            "quiche_conn_stream_finished",
                            MethodType.methodType(boolean.class, long.class, long.class));
            readable = streams.findGetter(streamClass, "readable", boolean.class)
                    .asType(MethodType.methodType(boolean.class, Channel.class));
            finReceived = streams.findGetter(streamClass, "finReceived", boolean.class)
                    .asType(MethodType.methodType(boolean.class, Channel.class));
            sendFin = channels.findVirtual(channelClass, "streamSendFin", MethodType.methodType(void.class, long.class))
                    .asType(MethodType.methodType(void.class, QuicChannel.class, long.class));
            setFinSent = streams.findSetter(streamClass, "finSent", boolean.class)
                    .asType(MethodType.methodType(void.class, Channel.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            connection = null;
            LOG.log(
                    Level.DEBUG,
                    "Netty QUIC's stream state is not reachable: a FIN quiche does not report stays unseen",
                    e);
        }
        CONNECTION = connection;
        FREED = freed;
        ADDRESS = address;
        FINISHED = finished;
        NETTY_READABLE = readable;
        NETTY_FIN_RECEIVED = finReceived;
        SEND_FIN = sendFin;
        SET_NETTY_FIN_SENT = setFinSent;
    }

    private QuicheStreamState() {}

    /** Whether these internals can be reached on this class path. */
    static boolean available() {
        return CONNECTION != null;
    }

    /**
     * Event loop: whether quiche holds {@code stream}'s receive half finished while Netty has not
     * read the FIN and will not read again (it saw nothing left to read): the FIN is stranded.
     */
    static boolean finStranded(QuicStreamChannel stream) {
        if (CONNECTION == null || !stream.isActive() || stream.isInputShutdown()) {
            return false;
        }
        try {
            if ((boolean) NETTY_READABLE.invokeExact((Channel) stream)
                    || (boolean) NETTY_FIN_RECEIVED.invokeExact((Channel) stream)) {
                return false;
            }
            Object connection = (Object) CONNECTION.invokeExact(stream.parent());
            if (connection == null || (boolean) FREED.invokeExact(connection)) {
                return false;
            }
            long address = (long) ADDRESS.invokeExact(connection);
            return (boolean) FINISHED.invokeExact(address, stream.streamId());
        } catch (Throwable e) {
            throw new IllegalStateException("reading Netty QUIC's stream state failed", e);
        }
    }

    /**
     * Event loop: hands quiche the FIN of {@code stream} again. For the other quiche behaviour
     * seen under loss: a FIN written without data while part of the stream waits to be
     * retransmitted is never sent — quiche sends the retransmission without it and then no longer
     * counts the stream as having anything to send. Writing the FIN again makes it send a FIN
     * frame; a peer that already has the FIN ignores the repeat. Quiche's refusal (the stream was
     * stopped or is gone) is ignored: nothing is left to finish then.
     */
    static void resendFin(QuicChannel connection, long streamId) {
        if (SEND_FIN == null) {
            return;
        }
        try {
            SEND_FIN.invokeExact(connection, streamId);
        } catch (Exception refused) {
            LOG.log(Level.DEBUG, () -> "stream " + streamId + ": FIN not written again", refused);
        } catch (Throwable e) {
            throw new IllegalStateException("writing a FIN again through Netty QUIC failed", e);
        }
    }

    /**
     * Event loop, right before closing a stream the peer opened to send on (a uni stream of the
     * peer's): tells Netty there is no FIN of ours to write. Netty's close() otherwise asks quiche
     * to write a FIN on a stream we cannot send on and builds an exception from the refusal (a
     * stack trace for every such stream: 15% of a client event loop receiving @unordered
     * responses), which it then ignores.
     */
    static void noFinToSend(QuicStreamChannel stream) {
        if (SET_NETTY_FIN_SENT == null) {
            return;
        }
        try {
            SET_NETTY_FIN_SENT.invokeExact((Channel) stream, true);
        } catch (Throwable e) {
            throw new IllegalStateException("setting Netty QUIC's stream state failed", e);
        }
    }
}
