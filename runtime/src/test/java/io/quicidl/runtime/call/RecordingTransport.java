package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.CallRouter;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.transport.UnorderedResponseHandler;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import io.quicidl.runtime.wire.FrameType;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a real transport's connections, ports and listeners so the call scenarios can see the
 * wire as {@link WireRecord} events: frames as the receiver got them, FIN / RESET / STOP as the
 * sender issued them, and every release (exactly once per stream).
 */
final class RecordingTransport {
    private final WireRecord wire = new WireRecord();
    private final Map<String, RecordingPort> ports = new ConcurrentHashMap<>();
    private final Map<CallConnection, Connection> connections = new ConcurrentHashMap<>();
    private volatile CallConnection serverConnection;

    WireRecord wire() {
        return wire;
    }

    CallConnection client(CallConnection real) {
        return wrap(real);
    }

    private Connection wrap(CallConnection real) {
        return connections.computeIfAbsent(real, c -> new Connection(c, c.isClient()));
    }

    CallRouter router(CallRouter real) {
        return (port, call) -> {
            serverConnection = wrap(port.connection());
            RecordingPort recording = track(port, false);
            wire.add(new WireRecord.Event(port.streamId(), true, WireRecord.Kind.FRAME, null, FrameType.CALL));
            return recording.listen(real.acceptCall(recording, call));
        };
    }

    /** The server side of the connection, known once the server accepted a call. */
    CallConnection serverConnection() {
        CallConnection connection = serverConnection;
        if (connection == null) {
            throw new IllegalStateException("the server has accepted no call yet");
        }
        return connection;
    }

    /** Waits until every stream the call layer was given is released, then reports misuse. */
    void awaitQuiet() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ports.values().stream().anyMatch(p -> p.releases == 0)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("streams never released: "
                        + ports.keySet().stream()
                                .filter(k -> ports.get(k).releases == 0)
                                .toList() + "; wire: " + wire);
            }
            Thread.sleep(2);
        }
        if (!wire.violations().isEmpty()) {
            throw new AssertionError("transport misuse: " + wire.violations());
        }
    }

    private RecordingPort track(StreamPort port, boolean clientSide) {
        RecordingPort recording = new RecordingPort(port, clientSide);
        ports.put((clientSide ? "client:" : "server:") + port.streamId(), recording);
        return recording;
    }

    private final class Connection implements CallConnection {
        private final CallConnection real;
        private final boolean clientSide;

        Connection(CallConnection real, boolean clientSide) {
            this.real = real;
            this.clientSide = clientSide;
        }

        @Override
        public boolean isClient() {
            return real.isClient();
        }

        @Override
        public CompletableFuture<StreamPort> openStream(boolean bidirectional, StreamListener listener) {
            ListenerProxy proxy = new ListenerProxy(listener);
            return real.openStream(bidirectional, proxy).thenApply(port -> {
                RecordingPort recording = track(port, clientSide);
                proxy.port = recording;
                recording.listener = listener;
                return recording;
            });
        }

        @Override
        public ByteBufAllocator alloc() {
            return real.alloc();
        }

        @Override
        public EventLoop eventLoop() {
            return real.eventLoop();
        }

        @Override
        public Executor handlerExecutor() {
            return real.handlerExecutor();
        }

        @Override
        public long idleCallTimeoutNanos() {
            return real.idleCallTimeoutNanos();
        }

        @Override
        public int maxMessageBytes() {
            return real.maxMessageBytes();
        }

        @Override
        public int maxMetadataBytes() {
            return real.maxMetadataBytes();
        }

        @Override
        public long peerMaxMessageBytes() {
            return real.peerMaxMessageBytes();
        }

        @Override
        public SocketAddress remoteAddress() {
            return real.remoteAddress();
        }

        @Override
        public List<Certificate> peerCertificates() {
            return real.peerCertificates();
        }

        @Override
        public boolean isClosing() {
            return real.isClosing();
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return real.closeFuture();
        }

        @Override
        public void expectUnorderedResponses(long controlStreamId, UnorderedResponseHandler handler) {
            real.expectUnorderedResponses(controlStreamId, (port, header) -> {
                RecordingPort recording = track(port, clientSide);
                wire.add(new WireRecord.Event(
                        port.streamId(), false, WireRecord.Kind.FRAME, null, FrameType.RESPONSE_HEADER));
                return recording.listen(handler.acceptResponse(recording, header));
            });
        }

        @Override
        public void forgetUnorderedCall(long controlStreamId) {
            real.forgetUnorderedCall(controlStreamId);
        }
    }

    /** Forwards a locally opened stream's events once its recording port exists. */
    private final class ListenerProxy implements StreamListener {
        private final StreamListener target;
        volatile RecordingPort port;

        ListenerProxy(StreamListener target) {
            this.target = target;
        }

        @Override
        public void onFrame(Frame frame) {
            port.received(frame.type());
            target.onFrame(frame);
        }

        @Override
        public void onFin() {
            target.onFin();
        }

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
            target.onReceiveAborted(code, peerReset, detail);
        }

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
            target.onStopped(code, status, statusMessage);
        }

        @Override
        public void onWritable() {
            target.onWritable();
        }

        @Override
        public void onConnectionLost(StatusCode code, String description) {
            target.onConnectionLost(code, description);
        }
    }

    private final class RecordingPort implements StreamPort {
        private final StreamPort real;
        private final boolean clientSide;
        volatile StreamListener listener;
        volatile int releases;

        RecordingPort(StreamPort real, boolean clientSide) {
            this.real = real;
            this.clientSide = clientSide;
        }

        StreamListener listen(StreamListener target) {
            listener = target;
            ListenerProxy proxy = new ListenerProxy(target);
            proxy.port = this;
            return proxy;
        }

        void received(FrameType type) {
            wire.add(new WireRecord.Event(streamId(), !clientSide, WireRecord.Kind.FRAME, null, type));
        }

        @Override
        public long streamId() {
            return real.streamId();
        }

        @Override
        public boolean isBidirectional() {
            return real.isBidirectional();
        }

        @Override
        public CallConnection connection() {
            return wrap(real.connection());
        }

        @Override
        public void write(ByteBuf frame) {
            real.write(frame);
        }

        @Override
        public void writeAndFinish(ByteBuf frame) {
            wire.add(new WireRecord.Event(streamId(), clientSide, WireRecord.Kind.FIN, null, null));
            real.writeAndFinish(frame);
        }

        @Override
        public void finish() {
            wire.add(new WireRecord.Event(streamId(), clientSide, WireRecord.Kind.FIN, null, null));
            real.finish();
        }

        @Override
        public boolean isWritable() {
            return real.isWritable();
        }

        @Override
        public void reset(ErrorCode code) {
            wire.add(new WireRecord.Event(streamId(), clientSide, WireRecord.Kind.RESET, code, null));
            real.reset(code);
        }

        @Override
        public void stop(ErrorCode code, StatusCode status, String statusMessage) {
            wire.add(new WireRecord.Event(streamId(), !clientSide, WireRecord.Kind.STOP, code, null));
            real.stop(code, status, statusMessage);
        }

        @Override
        public void setMaxMessageBytes(int maxMessageBytes) {
            real.setMaxMessageBytes(maxMessageBytes);
        }

        @Override
        public void requestRead() {
            real.requestRead();
        }

        @Override
        public void setUrgency(int urgency, boolean incremental) {
            real.setUrgency(urgency, incremental);
        }

        @Override
        public synchronized void release() {
            releases++;
            if (releases > 1) {
                wire.violation("stream " + streamId() + " released twice by the " + (clientSide ? "client" : "server"));
                return;
            }
            real.release();
        }
    }
}
