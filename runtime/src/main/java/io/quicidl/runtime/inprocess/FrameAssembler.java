package io.quicidl.runtime.inprocess;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameException;
import java.util.List;

/**
 * The receiving side of one pipe: the real {@link FrameDecoder} (the QUIC transport's), fed the
 * chunks as they come, turning them into frames, FIN or a receive-half failure. Not thread-safe:
 * its pipe calls it under its lock.
 */
final class FrameAssembler {
    /** The peer finished the half after the last frame. */
    static final Object FIN = new Object();

    /** The receive half failed. */
    record Aborted(ErrorCode code, boolean peerReset, String detail) {}

    private final ByteBufAllocator alloc;
    private final int defaultMaxMessageBytes;
    private final int maxMetadataBytes;
    private int maxMessageBytes;
    private EmbeddedChannel decoder;
    private boolean failed;

    FrameAssembler(ByteBufAllocator alloc, int defaultMaxMessageBytes, int maxMetadataBytes) {
        this.alloc = alloc;
        this.defaultMaxMessageBytes = defaultMaxMessageBytes;
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** The receiving call's method limit, applied to frames not decoded yet. */
    void maxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        if (decoder != null) {
            decoder.pipeline().get(FrameDecoder.class).maxMessageBytes(maxMessageBytes);
        }
    }

    /** Whether the bytes broke the frame layer: nothing more is decoded. */
    boolean failed() {
        return failed;
    }

    boolean idle() {
        return decoder == null;
    }

    /** Decodes {@code chunk} (owned), adding whole frames and any failure to {@code events}. */
    void decode(ByteBuf chunk, List<Object> events) {
        EmbeddedChannel channel = decoder();
        DecoderException failure = null;
        try {
            channel.writeInbound(chunk);
        } catch (DecoderException e) {
            failure = e;
        }
        drain(channel, events);
        if (failure != null) {
            fail(failure, events);
        }
    }

    /** The half ended: the last frames, then FIN or the failure of a frame cut short. */
    void finish(List<Object> events) {
        EmbeddedChannel channel = decoder();
        DecoderException failure = null;
        try {
            channel.finish();
        } catch (DecoderException e) {
            failure = e;
        }
        drain(channel, events);
        free();
        if (failure != null) {
            fail(failure, events);
        } else {
            events.add(FIN);
        }
    }

    /** The stream is over: an incomplete frame in the decoder is just dropped. */
    void free() {
        if (decoder != null) {
            EmbeddedChannel channel = decoder;
            decoder = null;
            try {
                channel.finishAndReleaseAll();
            } catch (DecoderException ignored) {
                // Nothing to report: nobody reads this half any more.
            }
        }
    }

    /** After the event loops stopped: frees without running the decoder again. */
    void freeAfterShutdown() {
        if (decoder != null) {
            decoder.releaseInbound();
            decoder.releaseOutbound();
            decoder = null;
        }
    }

    private EmbeddedChannel decoder() {
        if (decoder == null) {
            int maxMessage = maxMessageBytes > 0 ? maxMessageBytes : defaultMaxMessageBytes;
            // Metadata limits apply to the decoded CALL; the frame may carry a little more.
            decoder = new EmbeddedChannel(new FrameDecoder(maxMessage, maxMetadataBytes + 4096));
            decoder.config().setAllocator(alloc);
        }
        return decoder;
    }

    private void fail(DecoderException failure, List<Object> events) {
        ErrorCode code = failure instanceof FrameException f ? f.code() : ErrorCode.PROTOCOL_ERROR;
        // The QUIC receive half stays open: the call layer stops it.
        failed = true;
        free();
        events.add(new Aborted(code, false, failure.getMessage()));
    }

    private static void drain(EmbeddedChannel channel, List<Object> events) {
        Object decoded;
        while ((decoded = channel.readInbound()) != null) {
            events.add((Frame) decoded);
        }
    }
}
