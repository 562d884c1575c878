package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.handler.codec.DecoderException;
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
import io.quicidl.runtime.wire.FrameDecoder;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client and a server connection in one JVM whose streams carry real encoded bytes: every
 * half runs through the real {@link FrameDecoder}, in chunks split at random points, with a
 * bounded window so that {@link StreamPort#isWritable()} and {@link StreamListener#onWritable()}
 * behave like QUIC flow control. Frames reach a listener only after it asked with
 * {@link StreamPort#requestRead()}. Each connection has its own event loop and handler
 * executor. FIN, RESET_STREAM and STOP_SENDING are recorded in a {@link WireRecord}.
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

    private final Settings settings;
    private final WireRecord wire = new WireRecord();
    /** Unpooled and instrumented, so that bytes still allocated after close are a leak. */
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final ExecutorService clientExecutor = Executors.newCachedThreadPool(daemon("client-handler"));
    private final ExecutorService serverExecutor = Executors.newCachedThreadPool(daemon("server-handler"));
    private final List<Stream> streams = new ArrayList<>();
    private final Random random;
    private final Connection client;
    private final Connection server;

    MemoryTransport(CallRouter router, Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed);
        this.client = new Connection(true, loops.next(), clientExecutor, settings.clientMaxMessageBytes, null);
        this.server = new Connection(false, loops.next(), serverExecutor, settings.serverMaxMessageBytes, router);
        client.peer = server;
        server.peer = client;
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
        return client;
    }

    @Override
    public CallConnection server() {
        return server;
    }

    @Override
    public WireRecord wire() {
        return wire;
    }

    @Override
    public void loseConnection() {
        client.lose("peer vanished (test)");
        server.lose("peer vanished (test)");
    }

    @Override
    public void awaitQuiet() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String problem;
        do {
            problem = unreleased();
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

    private String unreleased() {
        synchronized (streams) {
            for (Stream stream : streams) {
                for (End end : new End[] {stream.openerEnd, stream.acceptorEnd}) {
                    if (end.listener != null && end.releases.get() != 1) {
                        return "stream " + stream.id + " end of the " + (end.connection.isClient ? "client" : "server")
                                + " released " + end.releases.get() + " times";
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        loseConnection();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        clientExecutor.shutdownNow();
        serverExecutor.shutdownNow();
        synchronized (streams) {
            for (Stream stream : streams) {
                stream.forward.freeAfterShutdown();
                if (stream.backward != null) {
                    stream.backward.freeAfterShutdown();
                }
            }
        }
        long leaked = alloc.metric().usedDirectMemory();
        if (leaked != 0) {
            throw new AssertionError(leaked + " bytes of frame buffers were never released");
        }
    }

    /** One side of the in-memory connection. */
    final class Connection implements CallConnection {
        final boolean isClient;
        final EventLoop loop;
        final ExecutorService executor;
        final int maxMessageBytes;
        final CallRouter router;
        final Map<Long, UnorderedResponseHandler> unordered = new ConcurrentHashMap<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final ArrayDeque<Runnable> waitingForCredit = new ArrayDeque<>();
        Connection peer;
        private volatile boolean closing;
        private long nextBidi;
        private long nextUni;
        private int openBidi;
        private int openUni;

        Connection(boolean isClient, EventLoop loop, ExecutorService executor, int maxMessageBytes, CallRouter router) {
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
            Runnable open = () -> {
                Stream stream = newStream(bidirectional, listener);
                loop.execute(() -> opened.complete(stream.openerEnd));
            };
            synchronized (this) {
                if (closing) {
                    opened.completeExceptionally(new StatusException(StatusCode.UNAVAILABLE, "connection closed"));
                    return opened;
                }
                int open_ = bidirectional ? openBidi : openUni;
                if (open_ >= settings.maxStreamsPerKind) {
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
            open.run();
            return opened;
        }

        private Stream newStream(boolean bidirectional, StreamListener listener) {
            long id;
            synchronized (this) {
                long base = (isClient ? 0 : 1) + (bidirectional ? 0 : 2);
                id = base + 4 * (bidirectional ? nextBidi++ : nextUni++);
            }
            Stream stream = new Stream(id, bidirectional, this, peer, listener);
            synchronized (streams) {
                streams.add(stream);
            }
            return stream;
        }

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

        void lose(String why) {
            List<Runnable> waiting;
            synchronized (this) {
                if (closing) {
                    return;
                }
                closing = true;
                waiting = new ArrayList<>(waitingForCredit);
                waitingForCredit.clear();
            }
            waiting.forEach(Runnable::run);
            List<Stream> all;
            synchronized (streams) {
                all = new ArrayList<>(streams);
            }
            for (Stream stream : all) {
                stream.forward.lose();
                if (stream.backward != null) {
                    stream.backward.lose();
                }
                for (End end : new End[] {stream.openerEnd, stream.acceptorEnd}) {
                    if (end.connection == this) {
                        loop.execute(() -> {
                            if (end.listener != null && end.releases.get() == 0) {
                                end.listener.onConnectionLost(StatusCode.UNAVAILABLE, why);
                            }
                        });
                    }
                }
            }
            loop.execute(() -> closed.complete(null));
        }

        @Override
        public ByteBufAllocator alloc() {
            return alloc;
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public java.util.concurrent.Executor handlerExecutor() {
            return executor;
        }

        @Override
        public int maxMessageBytes() {
            return maxMessageBytes;
        }

        @Override
        public int maxMetadataBytes() {
            return settings.maxMetadataBytes;
        }

        @Override
        public long peerMaxMessageBytes() {
            if (isClient && settings.clientViewOfServerMax > 0) {
                return settings.clientViewOfServerMax;
            }
            return peer.maxMessageBytes;
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", isClient ? 4433 : 50000);
        }

        @Override
        public List<Certificate> peerCertificates() {
            return List.of();
        }

        @Override
        public boolean isClosing() {
            return closing;
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

    /** One stream: the opener's end, the acceptor's end, and one pipe per direction. */
    final class Stream {
        final long id;
        final boolean bidirectional;
        final End openerEnd;
        final End acceptorEnd;
        final Pipe forward;
        final Pipe backward;

        Stream(long id, boolean bidirectional, Connection opener, Connection acceptor, StreamListener listener) {
            this.id = id;
            this.bidirectional = bidirectional;
            this.openerEnd = new End(this, opener, listener);
            this.acceptorEnd = new End(this, acceptor, null);
            this.forward = new Pipe(this, openerEnd, acceptorEnd);
            this.backward = bidirectional ? new Pipe(this, acceptorEnd, openerEnd) : null;
            openerEnd.out = forward;
            openerEnd.in = backward;
            acceptorEnd.out = backward;
            acceptorEnd.in = forward;
        }

        void endReleased() {
            if (openerEnd.releases.get() > 0 && acceptorEnd.releases.get() > 0) {
                openerEnd.connection.streamClosed(bidirectional);
            }
        }
    }

    /** One side's view of a stream: the {@link StreamPort} the call layer uses. */
    final class End implements StreamPort {
        final Stream stream;
        final Connection connection;
        final AtomicInteger releases = new AtomicInteger();
        volatile StreamListener listener;
        Pipe out;
        Pipe in;

        End(Stream stream, Connection connection, StreamListener listener) {
            this.stream = stream;
            this.connection = connection;
            this.listener = listener;
        }

        @Override
        public long streamId() {
            return stream.id;
        }

        @Override
        public boolean isBidirectional() {
            return stream.bidirectional;
        }

        @Override
        public void setMaxMessageBytes(int maxMessageBytes) {
            if (in != null) {
                in.maxMessageBytes(maxMessageBytes);
            }
        }

        @Override
        public CallConnection connection() {
            return connection;
        }

        @Override
        public void write(ByteBuf frame) {
            if (out == null) {
                frame.release();
                wire.violation("write on the receive-only end of stream " + stream.id);
                return;
            }
            out.write(frame);
        }

        @Override
        public void writeAndFinish(ByteBuf frame) {
            write(frame);
            finish();
        }

        @Override
        public void finish() {
            if (out != null) {
                out.finish();
            }
        }

        @Override
        public boolean isWritable() {
            return out != null && out.writable();
        }

        @Override
        public void reset(ErrorCode code) {
            if (out != null) {
                out.reset(code);
            }
        }

        @Override
        public void stop(ErrorCode code, StatusCode status, String statusMessage) {
            if (in != null) {
                in.stop(code, status, statusMessage);
            }
        }

        @Override
        public void requestRead() {
            if (in != null) {
                in.requestRead();
            }
        }

        @Override
        public void setUrgency(int urgency, boolean incremental) {}

        @Override
        public void release() {
            if (releases.incrementAndGet() > 1) {
                wire.violation("stream " + stream.id + " released twice by the "
                        + (connection.isClient ? "client" : "server"));
                return;
            }
            stream.endReleased();
        }

        void onWritable() {
            StreamListener l = listener;
            if (l != null && releases.get() == 0) {
                l.onWritable();
            }
        }
    }

    /** A received-half event for the listener. */
    private record Aborted(ErrorCode code, boolean peerReset, String detail) {}

    private static final Object FIN = new Object();

    /** One direction of a stream: the sender's queued bytes, the receiver's decoder and demand. */
    final class Pipe {
        private final Stream stream;
        private final End sender;
        private final End receiver;
        private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
        private long queued;
        private boolean fin;
        private ErrorCode reset;
        private ErrorCode stopped;
        private boolean readerDone;
        private boolean finDelivered;
        private boolean lost;
        private boolean demand;
        private boolean pumpScheduled;
        private int framesDecoded;
        private boolean decodeFailed;
        private EmbeddedChannel decoder;
        private int maxMessageBytes;

        Pipe(Stream stream, End sender, End receiver) {
            this.stream = stream;
            this.sender = sender;
            this.receiver = receiver;
        }

        private boolean fromClient() {
            return sender.connection.isClient;
        }

        private void record(WireRecord.Kind kind, ErrorCode code, FrameType type) {
            wire.add(new WireRecord.Event(stream.id, fromClient(), kind, code, type));
        }

        synchronized void write(ByteBuf frame) {
            if (lost || stopped != null || reset != null) {
                frame.release();
                return;
            }
            if (fin) {
                frame.release();
                wire.violation("write after FIN on stream " + stream.id);
                return;
            }
            queued += frame.readableBytes();
            queue.add(frame);
            schedulePump();
        }

        synchronized void finish() {
            if (fin || lost || stopped != null || reset != null) {
                return;
            }
            fin = true;
            record(WireRecord.Kind.FIN, null, null);
            schedulePump();
        }

        synchronized boolean writable() {
            return !lost && !fin && reset == null && stopped == null && queued < settings.window;
        }

        /**
         * Effective while the receiver has not taken everything up to FIN: QUIC's "not yet
         * accepted". After a STOP_SENDING it is the RESET_STREAM QUIC answers with.
         */
        synchronized void reset(ErrorCode code) {
            if (lost || reset != null || finDelivered) {
                return;
            }
            reset = code;
            freeQueue();
            record(WireRecord.Kind.RESET, code, null);
            schedulePump();
        }

        synchronized void stop(ErrorCode code, StatusCode status, String statusMessage) {
            if (lost || readerDone || stopped != null) {
                return;
            }
            stopped = code;
            readerDone = true;
            freeQueue();
            record(WireRecord.Kind.STOP, code, null);
            schedulePump();
            // The sender learns of it as from a STREAM_STOPPED frame on the control stream (SPEC.md §5.1).
            sender.connection.loop.execute(() -> {
                StreamListener l = sender.listener;
                if (l != null && sender.releases.get() == 0) {
                    l.onStopped(code, status, statusMessage);
                }
            });
        }

        synchronized void requestRead() {
            demand = true;
            schedulePump();
        }

        synchronized void lose() {
            lost = true;
            freeQueue();
            schedulePump();
        }

        private void schedulePump() {
            if (!pumpScheduled) {
                pumpScheduled = true;
                receiver.connection.loop.execute(this::pump);
            }
        }

        private void freeQueue() {
            for (ByteBuf buf : queue) {
                buf.release();
            }
            queue.clear();
            queued = 0;
        }

        /** Runs on the receiver's event loop: moves bytes through the decoder to the listener. */
        private void pump() {
            while (true) {
                List<Object> events = new ArrayList<>();
                boolean wakeSender = false;
                synchronized (this) {
                    pumpScheduled = false;
                    if (lost || (readerDone && reset == null)) {
                        freeDecoder();
                        freeQueue();
                        return;
                    }
                    if (reset != null) {
                        if (readerDone || stopped != null) {
                            freeDecoder();
                            return;
                        }
                        readerDone = true;
                        freeDecoder();
                        events.add(new Aborted(reset, true, "peer reset with " + reset));
                    } else if (!demand && receiver.listener != null) {
                        return;
                    } else if (stalled()) {
                        return;
                    } else if (decodeFailed) {
                        freeQueue();
                        return;
                    } else if (!queue.isEmpty()) {
                        ByteBuf head = queue.peek();
                        int n = settings.stallAfterFirstFrame.contains(stream.id) ? 1 : chunkSize(head.readableBytes());
                        ByteBuf chunk = head.readRetainedSlice(n);
                        if (!head.isReadable()) {
                            queue.poll().release();
                        }
                        boolean wasFull = queued >= settings.window;
                        queued -= n;
                        wakeSender = wasFull && queued < settings.window;
                        decode(chunk, events);
                    } else if (fin) {
                        readerDone = true;
                        finDelivered = true;
                        finishDecoder(events);
                    } else {
                        return;
                    }
                    if (!events.isEmpty()) {
                        demand = false;
                    }
                }
                if (wakeSender) {
                    sender.connection.loop.execute(sender::onWritable);
                }
                deliver(events);
            }
        }

        private boolean stalled() {
            return framesDecoded > 0 && settings.stallAfterFirstFrame.contains(stream.id);
        }

        private int chunkSize(int readable) {
            if (!settings.randomSplits || readable <= 1) {
                return readable;
            }
            synchronized (random) {
                return random.nextBoolean() ? readable : 1 + random.nextInt(readable);
            }
        }

        /** The receiving call's method limit, applied to frames not decoded yet. */
        synchronized void maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            if (decoder != null) {
                decoder.pipeline().get(FrameDecoder.class).maxMessageBytes(maxMessageBytes);
            }
        }

        private EmbeddedChannel decoder() {
            if (decoder == null) {
                int maxMessage = maxMessageBytes > 0 ? maxMessageBytes : receiver.connection.maxMessageBytes;
                decoder = new EmbeddedChannel(new FrameDecoder(maxMessage, settings.maxMetadataBytes + 4096));
                decoder.config().setAllocator(alloc);
            }
            return decoder;
        }

        private void decode(ByteBuf chunk, List<Object> events) {
            EmbeddedChannel channel = decoder();
            DecoderException failure = null;
            try {
                channel.writeInbound(chunk);
            } catch (DecoderException e) {
                failure = e;
            }
            drainFrames(channel, events);
            if (failure != null) {
                aborted(failure, events);
            }
        }

        private void finishDecoder(List<Object> events) {
            EmbeddedChannel channel = decoder();
            DecoderException failure = null;
            try {
                channel.finish();
            } catch (DecoderException e) {
                failure = e;
            }
            drainFrames(channel, events);
            freeDecoder();
            if (failure != null) {
                aborted(failure, events);
            } else {
                events.add(FIN);
            }
        }

        private void aborted(DecoderException failure, List<Object> events) {
            ErrorCode code = failure instanceof FrameException f ? f.code() : ErrorCode.PROTOCOL_ERROR;
            // The QUIC receive half stays open: the call layer stops it.
            decodeFailed = true;
            freeDecoder();
            freeQueue();
            events.add(new Aborted(code, false, failure.getMessage()));
        }

        private void drainFrames(EmbeddedChannel channel, List<Object> events) {
            Object decoded;
            while ((decoded = channel.readInbound()) != null) {
                Frame frame = (Frame) decoded;
                framesDecoded++;
                record(WireRecord.Kind.FRAME, null, frame.type());
                events.add(frame);
            }
        }

        private void freeDecoder() {
            if (decoder != null) {
                EmbeddedChannel channel = decoder;
                decoder = null;
                try {
                    channel.finishAndReleaseAll();
                } catch (DecoderException ignored) {
                    // The stream is over; an incomplete frame in the decoder is just dropped.
                }
            }
        }

        /** After the event loops stopped: frees whatever a pump could not. */
        synchronized void freeAfterShutdown() {
            freeQueue();
            if (decoder != null) {
                decoder.releaseInbound();
                decoder.releaseOutbound();
                decoder = null;
            }
        }

        private void deliver(List<Object> events) {
            for (Object event : events) {
                StreamListener l = receiver.listener;
                if (l == null) {
                    if (event instanceof Frame frame) {
                        accept(frame);
                    } else {
                        // Never surfaced (reset or finished before a frame): the transport frees it.
                        receiver.release();
                    }
                    continue;
                }
                if (receiver.releases.get() > 0) {
                    if (event instanceof Frame frame) {
                        frame.release();
                    }
                    continue;
                }
                if (event instanceof Frame frame) {
                    l.onFrame(frame);
                } else if (event == FIN) {
                    l.onFin();
                } else {
                    Aborted a = (Aborted) event;
                    l.onReceiveAborted(a.code, a.peerReset, a.detail);
                }
            }
        }

        /** The first frame of a peer-opened stream decides its listener, as the real transport does. */
        private void accept(Frame first) {
            Connection at = receiver.connection;
            try {
                if (!at.isClient && first.type() == FrameType.CALL) {
                    CallFrame call = CallFrame.decode(first.content());
                    receiver.listener = at.router.acceptCall(receiver, call);
                    return;
                }
                if (at.isClient && first.type() == FrameType.RESPONSE_HEADER) {
                    ResponseHeaderFrame header = ResponseHeaderFrame.decode(first.content());
                    UnorderedResponseHandler handler = at.unordered.get(header.callStreamId());
                    if (handler != null) {
                        receiver.listener = handler.acceptResponse(receiver, header);
                        return;
                    }
                    // SPEC.md §5.6 step 4: a response stream of an unknown call.
                    receiver.listener = DiscardingListener.INSTANCE;
                    receiver.stop(ErrorCode.CANCELLED, null, "");
                    receiver.release();
                    return;
                }
                throw new FrameException(ErrorCode.PROTOCOL_ERROR, "stream starts with " + first.type());
            } catch (FrameException e) {
                receiver.listener = DiscardingListener.INSTANCE;
                receiver.reset(ErrorCode.PROTOCOL_ERROR);
                receiver.stop(ErrorCode.PROTOCOL_ERROR, null, "");
                receiver.release();
            } finally {
                first.release();
            }
        }
    }
}
