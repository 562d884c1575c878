package io.quicidl.runtime.inprocess;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.HandlerExecutors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The threads of an in-process server and the links made to it: two event loops (one side of a
 * link on each, as two QUIC endpoints would be), the server's handler executor and the executor
 * of its channels' client work. Thread-safe.
 */
public final class LinkHost {
    private final CallRouter router;
    private final LinkSettings settings;
    private final EventLoopGroup loops;
    private final ExecutorService serverExecutor;
    private final boolean ownsServerExecutor;
    private final ExecutorService clientExecutor;

    /**
     * Starts the threads. {@code serverExecutor} runs handlers and stays the caller's to shut
     * down; {@code null} makes a default one that {@link #shutdown} stops.
     */
    public LinkHost(CallRouter router, LinkSettings settings, ExecutorService serverExecutor) {
        this.router = router;
        this.settings = settings;
        this.loops = new MultiThreadIoEventLoopGroup(
                2, new DefaultThreadFactory("quicidl-inprocess", true), LocalIoHandler.newFactory());
        this.ownsServerExecutor = serverExecutor == null;
        this.serverExecutor =
                ownsServerExecutor ? HandlerExecutors.newDefault("quicidl-inprocess-handler") : serverExecutor;
        this.clientExecutor = HandlerExecutors.newDefault("quicidl-inprocess-client");
    }

    /** A new link to the server: a new client connection and the server's side of it. */
    public MemoryLink newLink() {
        return new MemoryLink(router, settings, loops.next(), clientExecutor, loops.next(), serverExecutor);
    }

    /**
     * Stops the threads; every link must have been lost before. Blocks until the event loops
     * stopped, then frees what the links' pipes still held.
     */
    public void shutdown(Iterable<MemoryLink> links) {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        for (MemoryLink link : links) {
            link.freeAfterShutdown();
        }
        clientExecutor.shutdown();
        if (ownsServerExecutor) {
            serverExecutor.shutdown();
        }
    }
}
