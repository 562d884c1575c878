package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.FrameException;
import io.quicidl.runtime.wire.RealtimeDatagram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server side: routes {@code @realtime(delivery = datagram)} QUIC DATAGRAM frames to their calls
 * by connection and call id (SPEC.md §5.9). A datagram may overtake its call's CALL stream, so
 * datagrams naming no known call wait a little for it; the rest are dropped and counted.
 */
final class RealtimeDatagramCalls {
    /** Datagrams of not yet known calls kept per connection, and for how long. */
    private static final int EARLY_KEPT = 64;

    private static final long EARLY_KEPT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Ended calls remembered per connection, to tell their late datagrams from unknown ones. */
    private static final int ENDED_REMEMBERED = 256;

    private final Map<CallConnection, PerConnection> connections = new ConcurrentHashMap<>();

    /** A client opened the CALL stream of a datagram call. Event loop. */
    <Req> StreamListener accept(
            StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
        if (call.realtimeCallId() != port.streamId()) {
            return CallStream.refuse(
                    port,
                    ErrorCode.PROTOCOL_ERROR,
                    StatusCode.INTERNAL,
                    "realtime_call_id " + call.realtimeCallId() + " of a datagram call is not its stream id "
                            + port.streamId());
        }
        PerConnection calls = of(port.connection());
        RealtimeDatagramServerCall<Req> started =
                new RealtimeDatagramServerCall<>(port, call, method, handler, calls::ended);
        List<Early> early = calls.started(port.streamId(), started);
        started.begin();
        for (Early datagram : early) {
            started.datagram(datagram.header, datagram.message, datagram.arrivedNanos);
        }
        return started;
    }

    /** A datagram arrived; released here or by its call. Event loop. */
    void datagram(CallConnection connection, ByteBuf payload) {
        long now = System.nanoTime();
        RealtimeDatagram header;
        try {
            header = RealtimeDatagram.readHeader(payload);
        } catch (FrameException e) {
            payload.release();
            connection.datagramDropped(-1, "malformed: " + e.getMessage());
            return;
        }
        RealtimeDatagramServerCall<?> call = of(connection).route(header, payload, now);
        if (call != null) {
            call.datagram(header, payload, now);
        }
    }

    private PerConnection of(CallConnection connection) {
        PerConnection calls = connections.get(connection);
        if (calls == null) {
            PerConnection fresh = new PerConnection(connection);
            calls = connections.putIfAbsent(connection, fresh);
            if (calls == null) {
                calls = fresh;
                connection.closeFuture().whenComplete((ignored, error) -> {
                    connections.remove(connection, fresh);
                    fresh.closed();
                });
            }
        }
        return calls;
    }

    private record Early(RealtimeDatagram header, ByteBuf message, long arrivedNanos) {}

    /** The datagram calls of one connection. Its monitor is never held while a call's lock is taken. */
    private static final class PerConnection {
        private final CallConnection connection;
        private final Map<Long, RealtimeDatagramServerCall<?>> running = new HashMap<>();
        private final LinkedHashSet<Long> ended = new LinkedHashSet<>();
        private final ArrayDeque<Early> early = new ArrayDeque<>();
        private boolean closed;

        PerConnection(CallConnection connection) {
            this.connection = connection;
        }

        /** The running call a datagram belongs to, or {@code null} when it was kept or dropped here. */
        synchronized RealtimeDatagramServerCall<?> route(RealtimeDatagram header, ByteBuf payload, long now) {
            RealtimeDatagramServerCall<?> call = running.get(header.callId());
            if (call != null) {
                return call;
            }
            if (closed || ended.contains(header.callId())) {
                payload.release();
                connection.datagramDropped(header.callId(), closed ? "connection closed" : "ended call");
                return null;
            }
            expire(now);
            if (early.size() >= EARLY_KEPT) {
                drop(early.poll(), "unknown call");
            }
            early.add(new Early(header, payload, now));
            return null;
        }

        /** A call started: returns the datagrams that arrived before its CALL, oldest first. */
        synchronized List<Early> started(long callId, RealtimeDatagramServerCall<?> call) {
            running.put(callId, call);
            expire(System.nanoTime());
            List<Early> mine = new ArrayList<>();
            for (Iterator<Early> it = early.iterator(); it.hasNext(); ) {
                Early datagram = it.next();
                if (datagram.header.callId() == callId) {
                    mine.add(datagram);
                    it.remove();
                }
            }
            return mine;
        }

        synchronized void ended(long callId) {
            running.remove(callId);
            ended.add(callId);
            if (ended.size() > ENDED_REMEMBERED) {
                ended.remove(ended.iterator().next());
            }
        }

        synchronized void closed() {
            closed = true;
            while (!early.isEmpty()) {
                drop(early.poll(), "connection closed");
            }
        }

        private void expire(long now) {
            while (!early.isEmpty() && now - early.peek().arrivedNanos > EARLY_KEPT_NANOS) {
                drop(early.poll(), "unknown call");
            }
        }

        private void drop(Early datagram, String reason) {
            datagram.message.release();
            connection.datagramDropped(datagram.header.callId(), reason);
        }
    }
}
