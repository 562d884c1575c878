package io.quicidl.runtime.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallRouter;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-memory link's transport behaviour, below the call layer: frames whole whatever the
 * chunking, demand-driven delivery, the window and its wake-up, stream credit, FIN / RESET /
 * STOP reaching the other side, connection loss, idleness, and no leaked buffer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryLinkTest {
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Server ends of the calls the client opened, as the router accepted them. */
    private final LinkedBlockingQueue<Recorder> accepted = new LinkedBlockingQueue<>();
    /** Whether the server's ends ask for frames from the start. */
    private volatile boolean serverReads = true;

    private final CallRouter router = (port, call) -> {
        Recorder recorder = new Recorder(port, serverReads);
        recorder.events.add("CALL " + call.method());
        accepted.add(recorder);
        return recorder;
    };
    private MemoryLink link;

    private MemoryLink open(LinkSettings settings) {
        link = new MemoryLink(router, settings.alloc(alloc), loops.next(), executor, loops.next(), executor);
        return link;
    }

    @AfterEach
    void close() {
        if (link != null) {
            link.lose("test over");
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        executor.shutdownNow();
        if (link != null) {
            link.freeAfterShutdown();
        }
        assertEquals(0, alloc.metric().usedDirectMemory(), "frame buffers never released");
    }

    /** Opens a client bidi stream whose frames {@code recorder} reads. */
    private StreamPort openClient(Recorder recorder) throws Exception {
        StreamPort port = link.client().openStream(true, recorder).get(5, TimeUnit.SECONDS);
        recorder.port = port;
        port.requestRead();
        return port;
    }

    private ByteBuf call(String method) {
        return Frames.encode(alloc, CallFrame.of(method, 0, Metadata.empty()));
    }

    private ByteBuf message(int payloadBytes) {
        ByteBuf frame = alloc.directBuffer();
        QuicVarint.write(frame, FrameType.MESSAGE.value());
        QuicVarint.write(frame, payloadBytes);
        frame.writeZero(payloadBytes);
        return frame;
    }

    @Test
    void framesSplitAtEveryByteArriveWholeAndInOrder() throws Exception {
        open(new LinkSettings().chunks(readable -> 1));
        Recorder client = new Recorder();
        StreamPort port = openClient(client);
        port.write(call("/a.B/c"));
        port.write(message(300));
        port.writeAndFinish(message(70_000));
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        assertEquals(List.of("CALL /a.B/c", "MESSAGE 300", "MESSAGE 70000", "FIN"), server.awaitEvents(4));
        server.port.writeAndFinish(message(1));
        assertEquals(List.of("MESSAGE 1", "FIN"), client.awaitEvents(2));
        port.release();
        server.port.release();
        assertTrue(link.awaitIdle(5, TimeUnit.SECONDS));
        assertNull(link.unreleased());
    }

    @Test
    void aFullWindowMakesTheSenderWaitUntilTheReaderReads() throws Exception {
        open(new LinkSettings().window(1000));
        serverReads = false;
        Recorder client = new Recorder();
        StreamPort port = openClient(client);
        port.write(call("/a.B/c"));
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        port.write(message(2000));
        assertFalse(port.isWritable(), "2 KB queued in a 1 KB window");
        server.port.requestRead();
        client.writable.get(5, TimeUnit.SECONDS);
        assertTrue(port.isWritable());
        assertEquals(List.of("CALL /a.B/c", "MESSAGE 2000"), server.awaitEvents(2));
        port.reset(ErrorCode.CANCELLED);
        assertEquals("RESET CANCELLED", server.awaitEvents(3).get(2));
        port.release();
        server.port.release();
    }

    @Test
    void aStopReachesTheSenderWithItsStatus() throws Exception {
        open(new LinkSettings());
        Recorder client = new Recorder();
        StreamPort port = openClient(client);
        port.write(call("/a.B/c"));
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        server.port.stop(ErrorCode.NO_ERROR, StatusCode.OK, "enough");
        assertEquals(List.of("STOPPED NO_ERROR OK enough"), client.awaitEvents(1));
        port.release();
        server.port.release();
    }

    @Test
    void streamsBeyondTheCreditWaitForOneToClose() throws Exception {
        open(new LinkSettings().maxStreams(1, 1));
        StreamPort first = link.client().openStream(true, new Recorder()).get(5, TimeUnit.SECONDS);
        first.write(call("/a.B/c"));
        CompletableFuture<StreamPort> second = link.client().openStream(true, new Recorder());
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        Thread.sleep(50);
        assertFalse(second.isDone(), "a second stream opened with credit for one");
        first.release();
        server.port.release();
        StreamPort port = second.get(5, TimeUnit.SECONDS);
        port.reset(ErrorCode.CANCELLED);
        port.release();
    }

    @Test
    void aLostLinkFailsOpenStreamsAndNewOnes() throws Exception {
        open(new LinkSettings());
        Recorder client = new Recorder();
        StreamPort port = openClient(client);
        port.write(call("/a.B/c"));
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        link.lose("gone");
        assertEquals(List.of("LOST UNAVAILABLE gone"), client.awaitEvents(1));
        assertEquals("LOST UNAVAILABLE gone", server.awaitEvents(2).get(1));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> link.client().openStream(true, new Recorder()).get(5, TimeUnit.SECONDS));
        assertEquals(
                StatusCode.UNAVAILABLE,
                assertInstanceOf(StatusException.class, e.getCause()).code());
        assertTrue(link.client().closeFuture().isDone() || waitClosed());
        port.release();
        server.port.release();
    }

    @Test
    void refusedLinkFailsNewCallsButNotOpenOnes() throws Exception {
        open(new LinkSettings());
        Recorder client = new Recorder();
        StreamPort port = openClient(client);
        port.write(call("/a.B/c"));
        Recorder server = accepted.poll(5, TimeUnit.SECONDS);
        link.refuseNewCalls("closing");
        assertTrue(link.client().isClosing());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> link.client().openStream(true, new Recorder()).get(5, TimeUnit.SECONDS));
        assertEquals(
                "closing", assertInstanceOf(StatusException.class, e.getCause()).description());
        assertFalse(link.awaitIdle(50, TimeUnit.MILLISECONDS), "a stream is still open");
        port.writeAndFinish(message(5));
        assertEquals(List.of("CALL /a.B/c", "MESSAGE 5", "FIN"), server.awaitEvents(3));
        server.port.writeAndFinish(message(1));
        assertEquals(List.of("MESSAGE 1", "FIN"), client.awaitEvents(2));
        port.release();
        server.port.release();
        assertTrue(link.awaitIdle(5, TimeUnit.SECONDS));
    }

    private boolean waitClosed() throws Exception {
        link.client().closeFuture().get(5, TimeUnit.SECONDS);
        return true;
    }

    /** Records a stream's events as text, reading on as frames arrive unless told not to. */
    private static final class Recorder implements StreamListener {
        final List<String> events = new ArrayList<>();
        final CompletableFuture<Void> writable = new CompletableFuture<>();
        volatile StreamPort port;
        volatile boolean autoRead = true;

        Recorder() {}

        Recorder(StreamPort port, boolean read) {
            this.port = port;
            this.autoRead = read;
            if (read) {
                port.requestRead();
            }
        }

        synchronized List<String> awaitEvents(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.size() < count && System.nanoTime() < end) {
                wait(10);
            }
            return List.copyOf(events);
        }

        private synchronized void add(String event) {
            events.add(event);
            notifyAll();
        }

        @Override
        public void onFrame(Frame frame) {
            add(frame.type() + " " + frame.content().readableBytes());
            frame.release();
            if (autoRead && port != null) {
                port.requestRead();
            }
        }

        @Override
        public void onFin() {
            add("FIN");
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            add((peerReset ? "RESET " : "ABORT ") + code);
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            add("STOPPED " + code + " " + status + " " + statusMessage);
        }

        @Override
        public void onWritable() {
            writable.complete(null);
        }

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            add("LOST " + code + " " + description);
        }
    }
}
