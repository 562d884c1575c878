package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The client of {@link PeerKilledTest}, run in a JVM of its own: starts one call of every
 * pattern against a {@link StuckService} (each handler ends up blocked reading or sending),
 * prints {@value #STARTED}, and waits to be killed.
 *
 * <p>Arguments: the server's port and its key fingerprint.
 */
final class StuckCallsClientMain {
    static final String STARTED = "CALLS STARTED";
    /** How many calls, hence handlers, {@link #main} starts. */
    static final int CALLS = 7;

    private StuckCallsClientMain() {}

    public static void main(String[] args) throws Exception {
        Client client = Client.builder()
                .address("127.0.0.1", Integer.parseInt(args[0]))
                .trust(TrustPolicy.pinned(args[1]))
                .connect();
        CallOptions none = CallOptions.DEFAULT;
        List<Object> calls = new ArrayList<>();
        calls.add(ClientCalls.unaryAsync(client, StuckService.UNARY, Text.of("x"), none));
        calls.add(ClientCalls.serverStreaming(client, StuckService.SERVER_STREAMING, Text.of("x"), none));
        var clientStreaming = ClientCalls.clientStreaming(client, StuckService.CLIENT_STREAMING, none);
        clientStreaming.send(Text.of("one"));
        var duplex = ClientCalls.duplex(client, StuckService.DUPLEX, none);
        duplex.send(Text.of("one"));
        var notifications = ClientCalls.notifications(client, StuckService.NOTIFICATIONS, none);
        notifications.send(Text.of("one"));
        calls.add(ClientCalls.unordered(client, StuckService.UNORDERED, Text.of("x"), none));
        var realtime = ClientCalls.realtime(client, StuckService.REALTIME, none);
        realtime.send(Text.of("one"));
        calls.addAll(List.of(clientStreaming, duplex, notifications, realtime));
        if (calls.size() != CALLS) {
            throw new AssertionError(calls.size() + " calls");
        }
        System.out.println(STARTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
