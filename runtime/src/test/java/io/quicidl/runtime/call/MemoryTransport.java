package io.quicidl.runtime.call;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.quicidl.runtime.inprocess.LinkObserver;
import io.quicidl.runtime.inprocess.LinkSettings;
import io.quicidl.runtime.inprocess.MemoryLink;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameDecoder;
import io.quicidl.runtime.wire.FrameType;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's in-process link ({@link MemoryLink}) with the knobs of the call tests: every
 * half runs through the real {@link FrameDecoder}, in chunks split at random points, with a
 * bounded window so that {@link StreamPort#isWritable()} and {@link StreamListener#onWritable()}
 * behave like QUIC flow control. Each connection has its own event loop and handler executor;
 * frame buffers come from an instrumented allocator, so that bytes still allocated after close
 * are a leak. FIN, RESET_STREAM and STOP_SENDING are recorded in a {@link WireRecord}.
 */
final class MemoryTransport implements ConnectionPair {
    /** Knobs of a test transport. */
    static final class Settings {
        int window = 16 * 1024;
        int serverMaxMessageBytes = 4 * 1024 * 1024;
        int clientMaxMessageBytes = 4 * 1024 * 1024;
        /** What the client believes the server accepts; 0 means the server's real limit. */
        long clientViewOfServerMax;

        int maxMetadataBytes = 8 * 1024;
        int maxStreamsPerKind = 100;
        boolean randomSplits = true;
        long seed = 42;
        /** Streams whose halves deliver their first frame and then nothing more: a stalled path. */
        final Set<Long> stallAfterFirstFrame = ConcurrentHashMap.newKeySet();
    }

    private final WireRecord wire = new WireRecord();
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final ExecutorService clientExecutor = Executors.newCachedThreadPool(daemon("client-handler"));
    private final ExecutorService serverExecutor = Executors.newCachedThreadPool(daemon("server-handler"));
    private final MemoryLink link;

    MemoryTransport(CallRouter router, Settings settings) {
        Random random = new Random(settings.seed);
        LinkSettings link = new LinkSettings()
                .window(settings.window)
                .maxMessageBytes(settings.clientMaxMessageBytes, settings.serverMaxMessageBytes)
                .clientViewOfServerMax(settings.clientViewOfServerMax)
                .maxMetadataBytes(settings.maxMetadataBytes)
                .maxStreams(settings.maxStreamsPerKind, settings.maxStreamsPerKind)
                .alloc(alloc)
                .stallAfterFirstFrame(settings.stallAfterFirstFrame::contains)
                .observer(new Recorder());
        if (settings.randomSplits) {
            link.chunks(readable -> {
                synchronized (random) {
                    return random.nextBoolean() ? readable : 1 + random.nextInt(readable);
                }
            });
        }
        this.link = new MemoryLink(router, link, loops.next(), clientExecutor, loops.next(), serverExecutor);
    }

    /** A factory of pairs with these settings. */
    static ConnectionPair.Factory factory(Settings settings) {
        return router -> new MemoryTransport(router, settings);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public CallConnection client() {
        return link.client();
    }

    @Override
    public CallConnection server() {
        return link.server();
    }

    @Override
    public WireRecord wire() {
        return wire;
    }

    @Override
    public void loseConnection() {
        link.lose("peer vanished (test)");
    }

    @Override
    public void awaitQuiet() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String problem;
        do {
            problem = link.unreleased();
            if (problem == null) {
                break;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < end);
        if (problem != null) {
            throw new AssertionError(problem + "; wire: " + wire);
        }
        if (!wire.violations().isEmpty()) {
            throw new AssertionError("transport misuse: " + wire.violations());
        }
    }

    @Override
    public void close() {
        loseConnection();
        // A handler thread may be between encoding a frame and handing it to its (now lost)
        // stream: let every handler finish before counting bytes, or the count races it.
        clientExecutor.shutdownNow();
        serverExecutor.shutdownNow();
        boolean handlersDone = awaitTermination(clientExecutor) & awaitTermination(serverExecutor);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        link.freeAfterShutdown();
        long leaked = alloc.metric().usedDirectMemory();
        if (leaked != 0) {
            throw new AssertionError(leaked + " bytes of frame buffers were never released"
                    + (handlersDone ? "" : " (a handler thread was still running 20 s after the connection was lost)"));
        }
    }

    private static boolean awaitTermination(ExecutorService executor) {
        try {
            return executor.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes the link's events into the {@link WireRecord}. */
    private final class Recorder implements LinkObserver {
        @Override
        public void event(long streamId, boolean fromClient, Kind kind, ErrorCode code, FrameType frameType) {
            wire.add(new WireRecord.Event(streamId, fromClient, WireRecord.Kind.valueOf(kind.name()), code, frameType));
        }

        @Override
        public void violation(String what) {
            wire.violation(what);
        }
    }
}
