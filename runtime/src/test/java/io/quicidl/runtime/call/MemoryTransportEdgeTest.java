package io.quicidl.runtime.call;

import static io.quicidl.runtime.call.WireRecord.Kind.RESET;
import static io.quicidl.runtime.call.WireRecord.Kind.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.QuicVarint;
import io.quicidl.runtime.wire.StatusFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenarios that need control over the in-memory transport: frame-level limits, stalled
 * streams, and raw frames a well-behaved client never sends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemoryTransportEdgeTest {
    private final EchoService service = new EchoService();
    private final MemoryTransport.Settings settings = new MemoryTransport.Settings();
    private MemoryTransport pair;

    private MemoryTransport open() {
        pair = new MemoryTransport(new Router(List.of(service.definition())), settings);
        return pair;
    }

    @AfterEach
    void close() throws Exception {
        try {
            pair.awaitQuiet();
        } finally {
            pair.close();
            service.shutdown();
        }
    }

    @Test
    void frameOverTheServersConnectionLimitIsResourceExhausted() throws Exception {
        settings.serverMaxMessageBytes = 1024;
        settings.clientViewOfServerMax = 1 << 20;
        open();
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(pair.channel(), EchoService.UNARY, Text.ofSize(2000), CallOptions.DEFAULT));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
        // SPEC §5.8: STATUS RESOURCE_EXHAUSTED and FIN, request half stopped with RESOURCE_EXHAUSTED.
        assertEquals(List.of(FrameType.STATUS), pair.wire().frames(0, false));
        CallScenarios.await(
                () -> pair.wire().codes(0, true, STOP).contains(ErrorCode.RESOURCE_EXHAUSTED),
                "STOP RESOURCE_EXHAUSTED",
                pair.wire());
    }

    @Test
    void responseOverTheClientsLimitFailsOnTheServer() throws Exception {
        settings.clientMaxMessageBytes = 1024;
        open();
        StatusException e = assertThrows(
                StatusException.class,
                () -> ClientCalls.unary(pair.channel(), EchoService.UNARY, Text.ofSize(1500), CallOptions.DEFAULT));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals(List.of(FrameType.STATUS), pair.wire().frames(0, false));
    }

    @Test
    void requestMetadataOverTheLimitIsResourceExhausted() {
        settings.maxMetadataBytes = 100;
        open();
        CallOptions big = CallOptions.DEFAULT.withMetadata(
                Metadata.builder().add("k", "v".repeat(200)).build());
        StatusException e = assertThrows(
                StatusException.class, () -> ClientCalls.unary(pair.channel(), EchoService.UNARY, Text.of("x"), big));
        assertEquals(StatusCode.RESOURCE_EXHAUSTED, e.code());
    }

    @Test
    void frameOutOfOrderOnTheRequestHalfIsAProtocolError() throws Exception {
        open();
        RawCall raw = RawCall.open(pair);
        raw.port.write(
                Frames.encode(pair.client().alloc(), CallFrame.of(EchoService.UNARY.fullName(), 0, Metadata.empty())));
        raw.port.writeAndFinish(Frames.encode(pair.client().alloc(), StatusFrame.of(StatusCode.OK, "")));
        StatusFrame status = raw.status.get(20, TimeUnit.SECONDS);
        assertEquals(StatusCode.INTERNAL, status.code());
        assertTrue(status.message().contains("STATUS"), status.message());
        CallScenarios.await(
                () -> pair.wire().codes(0, true, STOP).contains(ErrorCode.PROTOCOL_ERROR),
                "STOP PROTOCOL_ERROR",
                pair.wire());
        raw.port.release();
    }

    @Test
    void requestThatDoesNotDecodeIsInvalidArgument() throws Exception {
        open();
        RawCall raw = RawCall.open(pair);
        raw.port.write(
                Frames.encode(pair.client().alloc(), CallFrame.of(EchoService.UNARY.fullName(), 0, Metadata.empty())));
        ByteBuf garbage = pair.client().alloc().directBuffer();
        QuicVarint.write(garbage, FrameType.MESSAGE.value());
        QuicVarint.write(garbage, 2);
        garbage.writeByte(0x0a).writeByte(0x7f); // field 1, LEN 127, but only these two bytes
        raw.port.writeAndFinish(garbage);
        StatusFrame status = raw.status.get(20, TimeUnit.SECONDS);
        assertEquals(StatusCode.INVALID_ARGUMENT, status.code());
        CallScenarios.await(
                () -> pair.wire().codes(0, true, STOP).contains(ErrorCode.PROTOCOL_ERROR),
                "STOP PROTOCOL_ERROR",
                pair.wire());
        raw.port.release();
    }

    @Test
    void realtimeStreamPastItsMaxAgeIsStoppedStale() throws Exception {
        open();
        long secondStream = 6; // client uni streams 2, 6, 10: here, with no control stream, message 1
        settings.stallAfterFirstFrame.add(secondStream);
        RealtimeSink<Text> sink = ClientCalls.realtime(pair.channel(), EchoService.QUICK_FRAMES, CallOptions.DEFAULT);
        sink.send(Text.of("0000"));
        CallScenarios.await(() -> service.frames.size() == 1, "the first message", pair.wire());
        sink.send(Text.of("0001"));
        // SPEC §5.7 step 3: not complete max_age_ms after its first byte.
        CallScenarios.await(
                () -> pair.wire().codes(secondStream, true, STOP).contains(ErrorCode.STALE),
                "STOP STALE of the stalled stream",
                pair.wire());
        sink.complete();
        CallScenarios.awaitLatch(service.framesDone, "the handler to end");
        assertEquals(List.of("0000"), service.frames);
    }

    @Test
    void realtimeSenderResetsASupersededStreamStale() throws Exception {
        open();
        long secondStream = 6;
        settings.stallAfterFirstFrame.add(secondStream);
        RealtimeSink<Text> sink = ClientCalls.realtime(pair.channel(), EchoService.FRAMES, CallOptions.DEFAULT);
        sink.send(Text.of("0000"));
        CallScenarios.await(() -> service.frames.size() == 1, "the first message", pair.wire());
        sink.send(Text.of("0001"));
        CallScenarios.await(
                () -> pair.wire().streamsWith(true, FrameType.CALL).contains(secondStream),
                "the second stream's CALL",
                pair.wire());
        sink.send(Text.of("0002"));
        // SPEC §5.7 step 2: the older stream still sending is reset with STALE.
        CallScenarios.await(
                () -> pair.wire().codes(secondStream, true, RESET).contains(ErrorCode.STALE),
                "RESET STALE of the superseded stream",
                pair.wire());
        sink.complete();
        CallScenarios.awaitLatch(service.framesDone, "the handler to end");
        assertEquals(List.of("0000", "0002"), service.frames);
    }

    /** A client stream driven frame by frame, collecting the server's STATUS. */
    private static final class RawCall implements StreamListener {
        final CompletableFuture<StatusFrame> status = new CompletableFuture<>();
        final List<FrameType> received = new ArrayList<>();
        StreamPort port;

        static RawCall open(MemoryTransport pair) throws Exception {
            RawCall raw = new RawCall();
            raw.port = pair.client().openStream(true, raw).get(20, TimeUnit.SECONDS);
            raw.port.requestRead();
            return raw;
        }

        @Override
        public void onFrame(Frame frame) {
            received.add(frame.type());
            if (frame.type() == FrameType.STATUS) {
                status.complete(StatusFrame.decode(frame.content()));
            }
            frame.release();
            port.requestRead();
        }

        @Override
        public void onFin() {}

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            status.completeExceptionally(new AssertionError("aborted " + code + " " + detail));
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode stoppedStatus, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {}
    }
}
