package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.QuicVarint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hand-made call streams over a real client connection, as a peer written from SPEC.md alone (or
 * a hostile one) would send them: raw frames, and FIN, RESET_STREAM and STOP_SENDING at will.
 */
final class RawStreams {
    static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private RawStreams() {}

    /** Opens a client bidi stream whose response half {@code seen} records; completes once the stream is open. */
    static CompletableFuture<StreamPort> open(Client client, Seen seen) {
        return TestAccess.connection(client).openStream(true, seen).thenApply(port -> {
            seen.port = port;
            port.requestRead();
            return port;
        });
    }

    /** A frame of {@code type} whose payload is the given hex bytes, valid or not. */
    static ByteBuf frame(FrameType type, String payloadHex) {
        byte[] payload = ByteBufUtil.decodeHexDump(payloadHex);
        ByteBuf out = ALLOC.directBuffer();
        QuicVarint.write(out, type.value());
        QuicVarint.write(out, payload.length);
        return out.writeBytes(payload);
    }

    /** A CALL frame for {@code method}. */
    static ByteBuf call(MethodDescriptor<?, ?> method, long timeoutMicros) {
        return Frames.encode(ALLOC, CallFrame.of(method.fullName(), timeoutMicros, Metadata.empty()));
    }

    /** A MESSAGE frame carrying {@code text}. */
    static ByteBuf message(String text) {
        return Frames.message(ALLOC, Text.CODEC, Text.of(text));
    }

    /** What a raw client saw on one stream: frames of the response half, then how it ended. */
    static final class Seen implements StreamListener {
        final List<Frame> frames = new ArrayList<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        volatile StreamPort port;

        @Override
        public synchronized void onFrame(Frame frame) {
            frames.add(frame);
            port.requestRead();
        }

        @Override
        public void onFin() {
            ended.complete("FIN");
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            ended.complete((peerReset ? "RESET " : "ABORT ") + code);
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            ended.complete("LOST " + description);
        }

        synchronized List<Frame> frames() {
            return List.copyOf(frames);
        }

        /** Releases the frames kept so far. */
        synchronized void releaseFrames() {
            frames.forEach(Frame::release);
            frames.clear();
        }
    }
}
