package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.function.Executable;

/**
 * One call of every pattern against a {@link StuckService} whose handlers wait for cancellation
 * ({@link StuckService#QUIET}), each with what its caller blocks in: reading a response that never
 * comes, sending until flow-control credit runs out, or (realtime) sending now and then. Each
 * returns only by throwing, once the connection ends.
 */
final class StuckClientCalls {
    private static final CallOptions NONE = CallOptions.DEFAULT;
    private static final Text QUIET = Text.of(StuckService.QUIET);

    private StuckClientCalls() {}

    /** Starts the calls on {@code channel}; the map's values block, keyed by pattern. */
    static Map<String, Executable> start(Channel channel) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        var unary = ClientCalls.unaryAsync(channel, StuckService.UNARY, QUIET, NONE);
        calls.put("unary", unary::get);
        var serverStreaming = ClientCalls.serverStreaming(channel, StuckService.SERVER_STREAMING, QUIET, NONE);
        calls.put("server streaming", () -> serverStreaming.iterator().hasNext());
        ClientStreamCall<Text, Text> clientStreaming =
                ClientCalls.clientStreaming(channel, StuckService.CLIENT_STREAMING, NONE);
        clientStreaming.send(QUIET);
        calls.put("client streaming", () -> sendUntilItFails(clientStreaming::send));
        DuplexCall<Text, Text> duplex = ClientCalls.duplex(channel, StuckService.DUPLEX, NONE);
        duplex.send(QUIET);
        calls.put("duplex", () -> duplex.iterator().hasNext());
        NotificationSink<Text> notifications = ClientCalls.notifications(channel, StuckService.NOTIFICATIONS, NONE);
        notifications.send(QUIET);
        calls.put("notifications", () -> sendUntilItFails(notifications::send));
        var unordered = ClientCalls.unordered(channel, StuckService.UNORDERED, QUIET, NONE);
        calls.put("unordered", () -> unordered.iterator().hasNext());
        RealtimeSink<Text> realtime = ClientCalls.realtime(channel, StuckService.REALTIME, NONE);
        realtime.send(QUIET);
        calls.put("realtime", () -> {
            for (; ; ) {
                realtime.send(Text.of("frame"));
                Thread.sleep(20);
            }
        });
        return calls;
    }

    /** Sends 4 KiB messages until a send fails: the handler reads none, so one blocks on credit first. */
    private static void sendUntilItFails(Consumer<Text> send) {
        Text big = Text.of("y".repeat(4096));
        for (; ; ) {
            send.accept(big);
        }
    }
}
