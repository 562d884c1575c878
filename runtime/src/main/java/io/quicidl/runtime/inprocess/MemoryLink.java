package io.quicidl.runtime.inprocess;

import io.netty.channel.EventLoop;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A client connection and a server connection joined in memory: what one in-process channel is.
 * Calls the client opens reach {@code router} on the server side. Thread-safe.
 *
 * <p>The link owns neither the event loops nor the executors it is given. {@link #lose} ends it;
 * after the event loops stopped, {@link #freeAfterShutdown()} frees what was still in flight.
 */
public final class MemoryLink {
    final LinkSettings settings;
    private final MemoryConnection client;
    private final MemoryConnection server;
    /** Every stream not yet retired and drained; guarded by itself. */
    private final List<MemoryStream> streams = new ArrayList<>();
    /** Streams opened and not retired (both ends released); guarded by {@link #streams}. */
    private int open;

    /**
     * A link whose client side runs its timers on {@code clientLoop} and its user work on
     * {@code clientExecutor}, and likewise for the server side.
     */
    public MemoryLink(
            CallRouter router,
            LinkSettings settings,
            EventLoop clientLoop,
            Executor clientExecutor,
            EventLoop serverLoop,
            Executor serverExecutor) {
        this.settings = settings;
        this.client =
                new MemoryConnection(this, true, clientLoop, clientExecutor, settings.clientMaxMessageBytes, null);
        this.server =
                new MemoryConnection(this, false, serverLoop, serverExecutor, settings.serverMaxMessageBytes, router);
        client.peer = server;
        server.peer = client;
    }

    /** The client's connection, on which calls are made. */
    public CallConnection client() {
        return client;
    }

    /** The server's connection. */
    public CallConnection server() {
        return server;
    }

    /** New calls on the client fail with UNAVAILABLE and {@code why}; calls in flight go on. */
    public void refuseNewCalls(String why) {
        client.refuse(why);
    }

    /** Waits until no stream is open any more, at most {@code timeout}; whether none is. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        synchronized (streams) {
            while (open > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(streams, left);
            }
            return true;
        }
    }

    /** The link vanishes under both sides: every call in flight fails with UNAVAILABLE and {@code why}. */
    public void lose(String why) {
        client.lose(why);
        server.lose(why);
    }

    /**
     * For tests: a description of the first stream end the call layer was given and did not
     * release exactly once, or {@code null} when there is none.
     */
    public String unreleased() {
        for (MemoryStream stream : snapshot()) {
            String problem = stream.unreleased();
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** After the event loops stopped: frees the bytes a stream still held. */
    public void freeAfterShutdown() {
        for (MemoryStream stream : snapshot()) {
            stream.freeAfterShutdown();
        }
    }

    List<MemoryStream> snapshot() {
        synchronized (streams) {
            return new ArrayList<>(streams);
        }
    }

    void added(MemoryStream stream) {
        synchronized (streams) {
            // Retired streams whose bytes are all delivered or freed need no keeping.
            streams.removeIf(MemoryStream::drained);
            streams.add(stream);
            open++;
        }
    }

    void retired() {
        synchronized (streams) {
            open--;
            streams.notifyAll();
        }
    }
}
