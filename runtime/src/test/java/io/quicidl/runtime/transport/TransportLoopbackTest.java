package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.Frames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport alone over real QUIC on loopback, with a raw router standing in for the call
 * layer: streams, FIN, resets, control streams and the close handshake as seen by the wire tap.
 */
class TransportLoopbackTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost", "127.0.0.1");

    private final RecordingWireTap serverTap = new RecordingWireTap();
    private final RecordingWireTap clientTap = new RecordingWireTap();
    private final ConcurrentLinkedQueue<String> serverLog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messagesReceived = new AtomicInteger();
    private Server server;
    private Client client;

    /** Echoes MESSAGE frames on bidi streams and FINs after the peer's FIN; counts messages on uni streams. */
    private final CallRouter echoRouter = (port, call) -> new StreamListener() {
        {
            serverLog.add("CALL " + call.method());
            port.requestRead();
        }

        @Override
        public void onFrame(Frame frame) {
            messagesReceived.incrementAndGet();
            if (port.isBidirectional()) {
                port.write(message(ByteBufUtil.hexDump(frame.content())));
            }
            frame.release();
            port.requestRead();
        }

        @Override
        public void onFin() {
            if (port.isBidirectional()) {
                port.finish();
            }
            port.release();
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            serverLog.add("aborted " + code);
            port.reset(code);
            port.release();
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            serverLog.add("stopped " + code);
        }

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            serverLog.add("lost " + description);
            port.release();
        }
    };

    private void start(Duration liveness) {
        server = TestAccess.router(Server.builder().identity(IDENTITY), echoRouter)
                .tap(serverTap)
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .livenessTimeout(liveness)
                .tap(clientTap)
                .connect();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2));
        }
    }

    private static ByteBuf call(String method) {
        return Frames.encode(
                io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, CallFrame.of(method, 0, Metadata.empty()));
    }

    private static ByteBuf message(String hex) {
        byte[] bytes = ByteBufUtil.decodeHexDump(hex);
        ByteBuf buf = Unpooled.directBuffer();
        io.quicidl.runtime.wire.QuicVarint.write(buf, FrameType.MESSAGE.value());
        io.quicidl.runtime.wire.QuicVarint.write(buf, bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    @Test
    void bidiStreamCarriesFramesBothWaysAndClosesWithGoAwayAndDrained() throws Exception {
        start(Duration.ofSeconds(5));
        RecordingListener listener = new RecordingListener();
        StreamPort port =
                TestAccess.connection(client).openStream(true, listener).get(5, TimeUnit.SECONDS);
        listener.attach(port);
        port.write(call("/test.Echo/say"));
        port.writeAndFinish(message("0a026869"));
        assertEquals("FIN", listener.ended.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("MESSAGE:0a026869"), listener.frames());
        port.release();

        client.close(Duration.ofSeconds(5));
        client = null;
        serverTap.await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);

        assertEquals(List.of("CALL /test.Echo/say"), List.copyOf(serverLog));
        WireEvent close = serverTap.events(WireEvent.Type.CLOSE_RECEIVED).get(0);
        assertEquals(ErrorCode.NO_ERROR.value(), close.code(), close.toString());
        assertTrue(clientTap.events(WireEvent.Type.FIN_SENT).stream().anyMatch(e -> e.streamId() == 0));
        assertTrue(serverTap.events(WireEvent.Type.FIN_SENT).stream().anyMatch(e -> e.streamId() == 0));
        // Each side opened one control stream: client uni 2, server uni 3.
        assertTrue(clientTap.events(WireEvent.Type.STREAM_OPENED).stream().anyMatch(e -> e.streamId() == 2));
        assertTrue(serverTap.events(WireEvent.Type.STREAM_OPENED).stream().anyMatch(e -> e.streamId() == 3));
    }

    @Test
    void closeRightAfterTenThousandUniMessagesLosesNone() throws Exception {
        start(Duration.ofSeconds(5));
        RecordingListener listener = new RecordingListener();
        StreamPort port =
                TestAccess.connection(client).openStream(false, listener).get(5, TimeUnit.SECONDS);
        port.write(call("/test.Echo/notify"));
        for (int i = 0; i < 10_000; i++) {
            while (!port.isWritable()) {
                Thread.sleep(1);
            }
            port.write(message("0801"));
        }
        port.finish();
        port.release();
        client.close(Duration.ofSeconds(10));
        client = null;
        assertEquals(10_000, messagesReceived.get());
        assertEquals(
                ErrorCode.NO_ERROR.value(),
                serverTap
                        .await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000)
                        .code());
    }

    @Test
    void serverKilledMidCallFailsTheCallWithinTheLivenessTimeout() throws Exception {
        start(Duration.ofSeconds(1));
        RecordingListener listener = new RecordingListener();
        StreamPort port =
                TestAccess.connection(client).openStream(true, listener).get(5, TimeUnit.SECONDS);
        listener.attach(port);
        port.write(call("/test.Echo/hang"));
        serverTap.await(e -> e.type() == WireEvent.Type.STREAM_OPENED && e.streamId() == 0, 5_000);
        long killedAt = System.nanoTime();
        server.kill();
        server = null;
        String ending = listener.ended.get(5, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertTrue(ending.startsWith("LOST UNAVAILABLE"), ending);
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
        assertTrue(
                clientTap.events(WireEvent.Type.CLOSE_SENT).stream()
                        .anyMatch(e -> e.code() == ErrorCode.UNRESPONSIVE.value()),
                clientTap.events().toString());
        port.release();
    }

    @Test
    void answeredPingsKeepASilentCallAlivePastTheLivenessTimeout() throws Exception {
        start(Duration.ofMillis(500));
        RecordingListener listener = new RecordingListener();
        StreamPort port =
                TestAccess.connection(client).openStream(true, listener).get(5, TimeUnit.SECONDS);
        listener.attach(port);
        port.write(call("/test.Echo/quiet"));
        Thread.sleep(2_000);
        assertTrue(!listener.ended.isDone(), "the call is still running: " + clientTap.events());
        port.reset(ErrorCode.CANCELLED);
        port.stop(ErrorCode.CANCELLED, null, "");
        port.release();
    }

    @Test
    void resetAndStopReachThePeerWithTheirCodes() throws Exception {
        start(Duration.ofSeconds(5));
        RecordingListener listener = new RecordingListener();
        StreamPort port =
                TestAccess.connection(client).openStream(true, listener).get(5, TimeUnit.SECONDS);
        listener.attach(port);
        port.write(call("/test.Echo/cancel"));
        port.write(message("0801"));
        assertEquals(1, waitForFrames(listener, 1).size());
        port.reset(ErrorCode.CANCELLED);
        port.stop(ErrorCode.CANCELLED, null, "");
        serverTap.await(
                e -> e.type() == WireEvent.Type.RESET_RECEIVED && e.code() == ErrorCode.CANCELLED.value(), 5_000);
        serverTap.await(
                e -> e.type() == WireEvent.Type.STOP_RECEIVED && e.code() == ErrorCode.CANCELLED.value(), 5_000);
        port.release();
    }

    @Test
    void graceful_server_shutdown_lets_the_client_close_first() throws Exception {
        start(Duration.ofSeconds(5));
        // The client counts as connected once it sent its Finished; the server only once it read
        // it, and refuses a connection that becomes active during shutdown. Its control stream
        // (uni 3), opened when the connection became active there, shows it did before.
        serverTap.await(e -> e.type() == WireEvent.Type.STREAM_OPENED && e.streamId() == 3, 5_000);
        server.shutdown(Duration.ofSeconds(5));
        server = null;
        WireEvent close = serverTap.await(e -> e.type() == WireEvent.Type.CLOSE_RECEIVED, 5_000);
        assertEquals(ErrorCode.NO_ERROR.value(), close.code());
        assertTrue(
                serverTap.events(WireEvent.Type.CLOSE_SENT).isEmpty(),
                serverTap.events().toString());
    }

    private static List<String> waitForFrames(RecordingListener listener, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.frames().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return listener.frames();
    }
}
