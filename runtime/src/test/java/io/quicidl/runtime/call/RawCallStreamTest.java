package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.call.RawStreams.Seen;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.StatusFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-made client bidi streams against a real server over QUIC on loopback, as a peer written
 * from SPEC.md alone would send them: what the raw client sees on the response half, and what the
 * server does to the request half.
 */
class RawCallStreamTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    private final RecordingWireTap serverTap = new RecordingWireTap();
    private final RecordingWireTap clientTap = new RecordingWireTap();
    private final EchoService service = new EchoService();
    private Server server;
    private Client client;

    @BeforeEach
    void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .addService(service.definition())
                .tap(serverTap)
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .tap(clientTap)
                .connect();
    }

    @AfterEach
    void stop() {
        client.close(Duration.ofSeconds(2));
        server.shutdown(Duration.ofSeconds(2));
        service.shutdown();
    }

    /** Opens a client bidi stream, writes {@code frames} and FIN, and waits for the response half to end. */
    private Seen send(ByteBuf... frames) throws Exception {
        Seen seen = new Seen();
        StreamPort port = RawStreams.open(client, seen).get(5, TimeUnit.SECONDS);
        for (ByteBuf frame : frames) {
            port.write(frame);
        }
        port.finish();
        assertEquals("FIN", seen.ended.get(10, TimeUnit.SECONDS), "the response half ends with FIN, not a reset");
        port.release();
        return seen;
    }

    private static ByteBuf frame(FrameType type, String payloadHex) {
        return RawStreams.frame(type, payloadHex);
    }

    private static ByteBuf call(long timeoutMicros) {
        return RawStreams.call(EchoService.UNARY, timeoutMicros);
    }

    private static ByteBuf message(String text) {
        return RawStreams.message(text);
    }

    /** The only frame seen is a STATUS with {@code code}; it is returned. */
    private static StatusFrame onlyStatus(Seen seen, StatusCode code) {
        List<Frame> frames = seen.frames();
        assertEquals(1, frames.size(), frames.toString());
        assertEquals(FrameType.STATUS, frames.get(0).type());
        StatusFrame status = StatusFrame.decode(frames.get(0).content());
        frames.forEach(Frame::release);
        assertEquals(code, status.code(), status.toString());
        return status;
    }

    /** SPEC.md §5.8: STATUS 13 and FIN on the response half, no RESET_STREAM. */
    private void assertProtocolErrorAnswered(Seen seen, long streamId) throws InterruptedException {
        StatusFrame status = onlyStatus(seen, StatusCode.INTERNAL);
        assertTrue(!status.message().isEmpty(), "the STATUS says what was wrong");
        serverTap.await(e -> e.type() == WireEvent.Type.FIN_SENT && e.streamId() == streamId, 5_000);
        assertTrue(
                serverTap
                        .events(e -> e.type() == WireEvent.Type.RESET_SENT && e.streamId() == streamId)
                        .isEmpty(),
                serverTap.events().toString());
    }

    /** ... and the request half, still open, stopped with PROTOCOL_ERROR. */
    private void assertRequestHalfStopped(long streamId) throws InterruptedException {
        serverTap.await(
                e -> e.type() == WireEvent.Type.STOP_SENT
                        && e.streamId() == streamId
                        && e.code() == ErrorCode.PROTOCOL_ERROR.value(),
                5_000);
    }

    @Test
    void messageAsTheFirstFrameIsAnsweredWithInternalStatusAndFin() throws Exception {
        Seen seen = send(message("hi"), message("again"));
        assertProtocolErrorAnswered(seen, 0);
    }

    @Test
    void callWhoseMethodIsAVarintIsAnsweredWithInternalStatusAndFin() throws Exception {
        Seen seen = send(frame(FrameType.CALL, "0802"), message("hi"));
        assertProtocolErrorAnswered(seen, 0);
    }

    @Test
    void callWhoseMethodIsNotUtf8IsAnsweredWithInternalStatusAndFin() throws Exception {
        Seen seen = send(frame(FrameType.CALL, "0a02c328"), message("hi"));
        assertProtocolErrorAnswered(seen, 0);
    }

    @Test
    void callWithAnUppercaseMetadataKeyIsAnsweredWithInternalStatusAndFin() throws Exception {
        // field 1 method "/test.Echo/unary", field 3 MetadataEntry {key "Bad"}
        String method = ByteBufUtil.hexDump("/test.Echo/unary".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Seen seen = send(frame(FrameType.CALL, "0a10" + method + "1a050a03426164"), message("hi"));
        assertProtocolErrorAnswered(seen, 0);
    }

    @Test
    void protocolErrorBeforeTheCallStopsARequestHalfStillOpen() throws Exception {
        Seen seen = new Seen();
        StreamPort port = RawStreams.open(client, seen).get(5, TimeUnit.SECONDS);
        port.write(message("no CALL first"));
        assertEquals("FIN", seen.ended.get(10, TimeUnit.SECONDS));
        assertProtocolErrorAnswered(seen, port.streamId());
        assertRequestHalfStopped(port.streamId());
        port.reset(ErrorCode.NO_ERROR);
        port.release();
    }

    @Test
    void finWithoutAnyFrameIsAnsweredAndTheServerFinishesTheStream() throws Exception {
        Seen seen = send();
        assertProtocolErrorAnswered(seen, 0);
        // The stream is done on the server: a later call on the connection still works.
        Seen next = send(call(0), message("after"));
        List<Frame> frames = next.frames();
        FrameType first = frames.get(0).type();
        frames.forEach(Frame::release);
        assertEquals(FrameType.MESSAGE, first);
    }

    @Test
    void hugeTimeoutsMeanNoDeadlineAndTheCallIsAnswered() throws Exception {
        // uint64 on the wire (a protobuf varint, SPEC.md §3): 2^62-1, 2^63-1, 2^63 and 2^64-1.
        for (long micros : new long[] {(1L << 62) - 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L}) {
            Seen seen = send(call(micros), message("t"));
            List<Frame> frames = seen.frames();
            assertEquals(1, frames.size(), Long.toUnsignedString(micros) + ": " + frames);
            assertEquals(FrameType.MESSAGE, frames.get(0).type());
            assertEquals(
                    Text.of("echo:t"),
                    Text.CODEC.decode(CodedInputStream.newInstance(
                            ByteBufUtil.getBytes(frames.get(0).content()))));
            frames.forEach(Frame::release);
        }
    }
}
