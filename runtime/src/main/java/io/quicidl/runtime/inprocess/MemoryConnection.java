package io.quicidl.runtime.inprocess;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.transport.UnorderedResponseHandler;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.FrameType;
import io.quicidl.runtime.wire.ResponseHeaderFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** One side of a {@link MemoryLink}: stream ids, stream credit, and who takes a peer's new stream. */
final class MemoryConnection implements CallConnection {
    private static final SocketAddress IN_PROCESS = InetSocketAddress.createUnresolved("in-process", 0);

    final MemoryLink link;
    final boolean isClient;
    final EventLoop loop;
    final int maxMessageBytes;
    MemoryConnection peer;
    private final Executor executor;
    private final CallRouter router;
    private final Map<Long, UnorderedResponseHandler> unordered = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<Runnable> waitingForCredit = new ArrayDeque<>();
    private volatile boolean lost;
    private volatile String refused;
    private long nextBidi;
    private long nextUni;
    private int openBidi;
    private int openUni;

    MemoryConnection(
            MemoryLink link,
            boolean isClient,
            EventLoop loop,
            Executor executor,
            int maxMessageBytes,
            CallRouter router) {
        this.link = link;
        this.isClient = isClient;
        this.loop = loop;
        this.executor = executor;
        this.maxMessageBytes = maxMessageBytes;
        this.router = router;
    }

    @Override
    public boolean isClient() {
        return isClient;
    }

    @Override
    public CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener) {
        CompletableFuture<StreamPort> opened = new CompletableFuture<>();
        synchronized (this) {
            String closedWhy = lost ? "connection closed" : refused;
            if (closedWhy != null) {
                opened.completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, closedWhy));
                return opened;
            }
            int limit = bidirectional ? link.settings.maxBidiStreams : link.settings.maxUniStreams;
            if ((bidirectional ? openBidi : openUni) >= limit) {
                // QUIC stream credit: wait for a stream of this kind to close (SPEC.md §7.3).
                waitingForCredit.add(() -> openStream(bidirectional, listener).whenComplete((port, error) -> {
                    if (error != null) {
                        opened.completeExceptionally(error);
                    } else {
                        opened.complete(port);
                    }
                }));
                return opened;
            }
            if (bidirectional) {
                openBidi++;
            } else {
                openUni++;
            }
        }
        MemoryStream stream = newStream(bidirectional, listener);
        loop.execute(() -> opened.complete(stream.openerEnd));
        return opened;
    }

    private MemoryStream newStream(boolean bidirectional, StreamListener listener) {
        long id;
        synchronized (this) {
            long base = (isClient ? 0 : 1) + (bidirectional ? 0 : 2);
            id = base + 4 * (bidirectional ? nextBidi++ : nextUni++);
        }
        MemoryStream stream = new MemoryStream(id, bidirectional, this, peer, listener);
        link.added(stream);
        return stream;
    }

    /** A stream this side opened is over on both ends: its credit returns. */
    void streamClosed(boolean bidirectional) {
        Runnable next;
        synchronized (this) {
            if (bidirectional) {
                openBidi--;
            } else {
                openUni--;
            }
            next = waitingForCredit.poll();
        }
        if (next != null) {
            next.run();
        }
    }

    void refuse(String why) {
        List<Runnable> waiting;
        synchronized (this) {
            refused = why;
            waiting = new ArrayList<>(waitingForCredit);
            waitingForCredit.clear();
        }
        waiting.forEach(Runnable::run);
    }

    void lose(String why) {
        List<Runnable> waiting;
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
            waiting = new ArrayList<>(waitingForCredit);
            waitingForCredit.clear();
        }
        waiting.forEach(Runnable::run);
        for (MemoryStream stream : link.snapshot()) {
            stream.lose(this, why);
        }
        loop.execute(() -> closed.complete(null));
    }

    /** The first frame of a stream the peer opened decides its listener, as the QUIC transport does. */
    void accept(StreamEnd receiver, Frame first) {
        try {
            if (!isClient && first.type() == FrameType.CALL) {
                receiver.listener = router.acceptCall(receiver, CallFrame.decode(first.content()));
                return;
            }
            if (isClient && first.type() == FrameType.RESPONSE_HEADER) {
                ResponseHeaderFrame header = ResponseHeaderFrame.decode(first.content());
                UnorderedResponseHandler handler = unordered.get(header.callStreamId());
                if (handler != null) {
                    receiver.listener = handler.acceptResponse(receiver, header);
                    return;
                }
                // SPEC.md §5.6 step 4: a response stream of an unknown call.
                receiver.listener = Discard.INSTANCE;
                receiver.stop(ErrorCode.CANCELLED, null, "");
                receiver.release();
                return;
            }
            throw new FrameException(ErrorCode.PROTOCOL_ERROR, "stream starts with " + first.type());
        } catch (FrameException e) {
            receiver.listener = Discard.INSTANCE;
            receiver.reset(ErrorCode.PROTOCOL_ERROR);
            receiver.stop(ErrorCode.PROTOCOL_ERROR, null, "");
            receiver.release();
        } finally {
            first.release();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return link.settings.alloc;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public Executor handlerExecutor() {
        return executor;
    }

    /** None: both ends are in this process, and no remote client can hold a call open. */
    @Override
    public long idleCallTimeoutNanos() {
        return 0;
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public int maxMetadataBytes() {
        return link.settings.maxMetadataBytes;
    }

    @Override
    public long peerMaxMessageBytes() {
        if (isClient && link.settings.clientViewOfServerMax > 0) {
            return link.settings.clientViewOfServerMax;
        }
        return peer.maxMessageBytes;
    }

    @Override
    public SocketAddress remoteAddress() {
        return IN_PROCESS;
    }

    @Override
    public List<Certificate> peerCertificates() {
        return List.of();
    }

    @Override
    public boolean isClosing() {
        return lost || refused != null;
    }

    boolean isLost() {
        return lost;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler) {
        unordered.put(controlStreamId, handler);
    }

    @Override
    public void forgetUnorderedCall(long controlStreamId) {
        unordered.remove(controlStreamId);
    }
}
