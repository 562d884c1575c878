package io.quicidl.runtime;

import io.quicidl.runtime.inprocess.MemoryLink;
import io.quicidl.runtime.transport.CallConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A channel to an {@link InProcessServer} in the same JVM, from
 * {@link InProcessServer#newChannel()}: what a {@link Client} is to a real server, without
 * sockets. Build generated stubs on it as on a client ({@code new ChatClient(channel)}); calls
 * behave as over QUIC (status codes, cancellation, deadlines, metadata, flow control), since
 * the real call layer runs over in-memory streams that carry the real encoded frames.
 * Thread-safe; any number of concurrent calls of any pattern share it.
 *
 * <p>Whoever made the channel closes it, or closes the server, which closes its channels.
 * Dropping a stub or a call handle never closes it.
 */
public final class InProcessChannel extends Channel implements AutoCloseable {
    /** The default grace period of {@link #close()}. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(5);

    private final MemoryLink link;
    private final Consumer<InProcessChannel> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    InProcessChannel(MemoryLink link, Consumer<InProcessChannel> onClosed) {
        this.link = link;
        this.onClosed = onClosed;
    }

    @Override
    CallConnection connection() {
        return link.client();
    }

    MemoryLink link() {
        return link;
    }

    /** Closes with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Stops taking calls (new ones fail with UNAVAILABLE), waits up to {@code grace} for the
     * calls in flight to end, then drops the link: calls still running then fail with
     * UNAVAILABLE on both sides, as when a connection is lost. Blocks until done; calling it
     * again does nothing more. Must not run on a handler of this channel's own calls.
     */
    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        link.refuseNewCalls("in-process channel closed");
        try {
            link.awaitIdle(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            link.lose("in-process channel closed");
            onClosed.accept(this);
        }
    }

    /** Starts a close without waiting: new calls fail at once; the server's close finishes it. */
    void refuseNewCalls(String why) {
        link.refuseNewCalls(why);
    }

    @Override
    public String toString() {
        return "InProcessChannel" + (closed.get() ? "[closed]" : "");
    }
}
