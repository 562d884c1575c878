package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerMethod.RequestsHandler;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.transport.StreamPort;
import io.quicidl.runtime.wire.CallFrame;
import io.quicidl.runtime.wire.ErrorCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server side: groups {@code @realtime} message streams into calls by connection and
 * {@code realtime_call_id} (SPEC.md §5.7). A connection's entry is dropped when it closes.
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
            PerConnection fresh = new PerConnection();
            calls = connections.putIfAbsent(connection, fresh);
            if (calls == null) {
                calls = fresh;
                connection.closeFuture().whenComplete((ignored, error) -> connections.remove(connection));
            }
        }
        return calls.accept(port, call, method, handler);
    }

    /** The realtime calls of one connection. */
    static final class PerConnection {
        private final Map<Long, RealtimeServerCall<?>> running = new HashMap<>();
        private final Map<Long, StatusCode> ended = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, StatusCode> eldest) {
                return size() > ENDED_REMEMBERED;
            }
        };

        synchronized <Req> StreamListener accept(
                StreamPort port, CallFrame call, MethodDescriptor<Req, ?> method, RequestsHandler<Req> handler) {
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
                target.begin();
            }
            return target.addStream(port, call);
        }

        private synchronized void ended(long callId, StatusCode status) {
            running.remove(callId);
            ended.put(callId, status);
        }
    }
}
