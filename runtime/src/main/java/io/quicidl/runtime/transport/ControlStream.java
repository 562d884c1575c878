package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamPriority;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.SettingsFrame;
import io.quicidl.runtime.wire.StreamStoppedFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The two control streams of one connection (SPEC.md §6.1): opens ours and sends SETTINGS first,
 * queues control frames written before it is open, and accepts the peer's control stream when its
 * SETTINGS arrive (a second one is a connection error). What follows on the peer's stream is read
 * by {@link ControlStreamReader}.
 *
 * <p>Runs on the connection's event loop: {@link #send} hops onto it, since STREAM_STOPPED frames
 * are sent from the call layer's threads. The peer's SETTINGS are volatile: the call layer reads
 * them from any thread.
 */
final class ControlStream {
    /** The highest urgency (RFC 9218), sent whole: control frames are few and small. */
    private static final QuicStreamPriority CONTROL_PRIORITY = new QuicStreamPriority(0, false);

    private final QuicConnection connection;
    private boolean opened;
    private QuicStreamChannel out;
    /** Frames sent before our control stream was open, written after SETTINGS. */
    private final List<ByteBuf> backlog = new ArrayList<>();

    private boolean peerSeen;
    private volatile SettingsFrame peerSettings;

    ControlStream(QuicConnection connection) {
        this.connection = connection;
    }

    /** Opens our control stream with SETTINGS, once the handshake allows it (SPEC.md §6.1, §10). */
    void open() {
        QuicChannel channel = connection.channel();
        if (opened || !channel.isOpen()) {
            return;
        }
        opened = true;
        channel.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .addListener((Future<QuicStreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        connection.closer().closeWith(ErrorCode.INTERNAL, "cannot open the control stream");
                        return;
                    }
                    out = f.getNow();
                    // Above every call stream: at quiche's default urgency (127, below any we
                    // set) a PONG or GOAWAY waited behind a large @unordered call's responses
                    // (seen: a PONG held back past the peer's 15 s liveness timeout on a slow
                    // lossy path).
                    out.updatePriority(CONTROL_PRIORITY);
                    connection.record(WireEvent.Type.STREAM_OPENED, out.streamId(), 0, "control");
                    Limits limits = connection.context().limits();
                    out.write(Frames.encode(
                            connection.alloc(),
                            new SettingsFrame(limits.maxMessageBytes(), limits.maxMetadataBytes())));
                    for (ByteBuf frame : backlog) {
                        out.write(frame);
                    }
                    backlog.clear();
                });
    }

    /** Sends an encoded control frame on our control stream; from any thread. Dropped once the connection is gone. */
    void send(ByteBuf frame) {
        connection.onLoop(() -> {
            if (out == null) {
                if (!connection.channel().isActive()) {
                    frame.release();
                    return;
                }
                backlog.add(frame);
            } else {
                out.write(frame);
            }
        });
    }

    /** Tells the peer the code of a STOP_SENDING, which Netty does not tell its writer (SPEC.md §5.1). */
    void sendStreamStopped(long streamId, ErrorCode code, StatusCode status, String statusMessage) {
        send(Frames.encode(connection.alloc(), new StreamStoppedFrame(streamId, code, status, statusMessage)));
    }

    /** A peer uni stream opened with SETTINGS: it is the peer's control stream, read from now on by {@link ControlStreamReader}. */
    void acceptPeer(ChannelHandlerContext ctx, SettingsFrame settings) {
        if (peerSeen) {
            connection.closer().protocolError("a second control stream");
            return;
        }
        peerSeen = true;
        peerSettings = settings;
        connection.handshakeState().peerSettingsReceived();
        connection.record(
                WireEvent.Type.STREAM_OPENED, ((QuicStreamChannel) ctx.channel()).streamId(), 0, "peer control");
        ctx.pipeline().replace(ctx.handler(), "control", new ControlStreamReader(connection));
        ctx.channel().config().setAutoRead(true);
    }

    /** The peer's SETTINGS, or null before they arrived. */
    SettingsFrame peerSettings() {
        return peerSettings;
    }

    /** The connection closed: frames never sent are released. */
    void discardBacklog() {
        for (ByteBuf frame : backlog) {
            frame.release();
        }
        backlog.clear();
    }
}
