package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server side: groups {@code @realtime} message streams into calls by connection and
 * {@code realtime_call_id} (SPEC.md §5.7). When a connection closes, every call of it still
 * running ends with UNAVAILABLE (§6.2): between two messages a call holds no stream, so the
 * transport's loss of streams alone would never reach it.
 */
final class RealtimeCalls {
    /** Ended calls remembered per connection, so late streams of them are not taken for new calls. */
    private static final int ENDED_REMEMBERED = 256;

    private final Map<CallConnection, PerConnection> connections = new ConcurrentHashMap<>();

    /** Routes one realtime stream to its call, starting the call on its first stream. Event loop. */
    <Req> StreamListener accept(
            StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
        CallConnection connection = port.connection();
        PerConnection calls = connections.get(connection);
        if (calls == null) {
            PerConnection fresh = new PerConnection(connection);
            calls = connections.putIfAbsent(connection, fresh);
            if (calls == null) {
                calls = fresh;
                connection.closeFuture().whenComplete((ignored, error) -> {
                    connections.remove(connection, fresh);
                    fresh.connectionClosed();
                });
            }
        }
        return calls.accept(port, call, method, handler);
    }

    /** How many realtime calls run, over all connections: for tests of the bookkeeping. */
    int running() {
        int count = 0;
        for (PerConnection calls : connections.values()) {
            count += calls.running();
        }
        return count;
    }

    /** The realtime calls of one connection. */
    static final class PerConnection {
        private final CallConnection connection;
        private final Map<Long, RealtimeServerCall<?>> running = new HashMap<>();
        private final Map<Long, StatusCode> ended = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, StatusCode> eldest) {
                return size() > ENDED_REMEMBERED;
            }
        };
        private boolean closed;

        PerConnection(CallConnection connection) {
            this.connection = connection;
        }

        synchronized <Req> StreamListener accept(
                StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
            if (closed) {
                // The connection is gone: no call may start on it, or nothing would ever end it.
                return CallStream.refuse(port, ErrorCode.FAILED, StatusCode.UNAVAILABLE, "the connection closed");
            }
            long callId = call.realtimeCallId();
            StatusCode endedWith = ended.get(callId);
            if (endedWith != null) {
                // A late stream of an ended call: stale, or failed like its call.
                return endedWith == StatusCode.OK
                        ? CallStream.refuse(port, ErrorCode.STALE, null, "")
                        : CallStream.refuse(port, ErrorCode.FAILED, endedWith, "the call has failed");
            }
            RealtimeServerCall<?> existing = running.get(callId);
            if (existing != null && existing.method() != method) {
                return CallStream.refuse(
                        port,
                        ErrorCode.PROTOCOL_ERROR,
                        StatusCode.INTERNAL,
                        "realtime_call_id names a call of another method");
            }
            @SuppressWarnings("unchecked") // same method, so same request type
            RealtimeServerCall<Req> target = (RealtimeServerCall<Req>) existing;
            if (target == null) {
                target = new RealtimeServerCall<>(
                        port.connection(), call, method, handler, status -> ended(callId, status));
                running.put(callId, target);
                // The call holds no stream between messages: the transport keeps the peer's liveness checked.
                connection.streamlessCallStarted();
                target.begin();
            }
            return target.addStream(port, call);
        }

        private synchronized void ended(long callId, StatusCode status) {
            if (running.remove(callId) != null) {
                connection.streamlessCallEnded();
            }
            ended.put(callId, status);
        }

        /** Ends every call still running, outside this monitor (a call's lock comes after it, then it reports back). */
        void connectionClosed() {
            List<RealtimeServerCall<?>> calls;
            synchronized (this) {
                closed = true;
                calls = new ArrayList<>(running.values());
            }
            for (RealtimeServerCall<?> call : calls) {
                call.connectionLost(StatusCode.UNAVAILABLE, "the connection closed while the call ran");
            }
        }

        synchronized int running() {
            return running.size();
        }
    }
}
