package io.quicidl.runtime.inprocess;

import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import java.util.function.LongPredicate;

/**
 * The settings of one {@link MemoryLink}. Set them before the link is made; a link reads them as
 * it runs, so they must not change afterwards. The defaults suit a user's tests; the runtime's
 * own tests split bytes at random points, stall streams and observe the wire with them.
 */
public final class LinkSettings {
    int window = 2 << 20;
    int clientMaxMessageBytes = 4 << 20;
    int serverMaxMessageBytes = 4 << 20;
    long clientViewOfServerMax;
    int maxMetadataBytes = 8 << 10;
    int maxBidiStreams = 100;
    int maxUniStreams = 100;
    ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    IntUnaryOperator chunks = IntUnaryOperator.identity();
    LongPredicate stallAfterFirstFrame = id -> false;
    LinkObserver observer = LinkObserver.NONE;

    /** Bytes a half may hold unread before its sender is told to wait: QUIC's stream window. */
    public LinkSettings window(int bytes) {
        this.window = bytes;
        return this;
    }

    /** Largest MESSAGE the client accepts, and the one the server accepts. */
    public LinkSettings maxMessageBytes(int client, int server) {
        this.clientMaxMessageBytes = client;
        this.serverMaxMessageBytes = server;
        return this;
    }

    /** What the client believes the server accepts; 0, the default, means the server's real limit. */
    public LinkSettings clientViewOfServerMax(long bytes) {
        this.clientViewOfServerMax = bytes;
        return this;
    }

    /** Largest metadata both sides accept. */
    public LinkSettings maxMetadataBytes(int bytes) {
        this.maxMetadataBytes = bytes;
        return this;
    }

    /** Streams of each kind a side may have open at once (QUIC stream credit); more wait. */
    public LinkSettings maxStreams(int bidi, int uni) {
        this.maxBidiStreams = bidi;
        this.maxUniStreams = uni;
        return this;
    }

    /** Where frames are allocated; an instrumented allocator lets a test find leaks. */
    public LinkSettings alloc(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        return this;
    }

    /**
     * How many of a queued buffer's readable bytes go to the decoder at once (1..readable):
     * whole buffers by default; tests split at random points to exercise frame reassembly.
     */
    public LinkSettings chunks(IntUnaryOperator chunkSize) {
        this.chunks = Objects.requireNonNull(chunkSize, "chunkSize");
        return this;
    }

    /** Streams whose halves deliver their first frame and then nothing more: a stalled path. */
    public LinkSettings stallAfterFirstFrame(LongPredicate streams) {
        this.stallAfterFirstFrame = Objects.requireNonNull(streams, "streams");
        return this;
    }

    /** Who sees the wire events. */
    public LinkSettings observer(LinkObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }
}
