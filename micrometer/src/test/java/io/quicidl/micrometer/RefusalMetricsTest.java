package io.quicidl.micrometer;

import static io.quicidl.micrometer.ProbeService.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quicidl.micrometer.probe.ProbeClient;
import io.quicidl.micrometer.probe.ProbeServerBinding;
import io.quicidl.micrometer.probe.Word;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls refused by handler admission and by a later interceptor, as the meters count them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RefusalMetricsTest {
    /** The fewest handlers a connection may run, whatever the server's limit (HandlerAdmission). */
    private static final int SHARE = 4;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Identity identity = Identity.selfSigned("localhost");

    @Test
    void aCallOverTheConnectionsShareOfHandlersIsARefusalOnBothSides() {
        try (Server server = server(Server.builder()
                        .maxConcurrentHandlers(SHARE)
                        .intercept(new MetricsServerInterceptor(registry)));
                Client client = connect(server)) {
            ConnectionMetrics.of(server).bindTo(registry);
            ProbeClient probe = new ProbeClient(client.intercept(new MetricsClientInterceptor(registry)));
            List<ClientStreamCall<Word, Word>> held = new ArrayList<>();
            for (int i = 0; i < SHARE; i++) {
                ClientStreamCall<Word, Word> call = probe.join();
                call.send(word("part"));
                held.add(call);
            }
            Waits.until(() -> server.runningHandlers() == SHARE, () -> server.runningHandlers() + " handlers");

            ClientStreamCall<Word, Word> overShare = probe.join();
            // The refusal may arrive before the request is sent: send or complete reports it.
            StatusException refused = assertThrows(StatusException.class, () -> {
                overShare.send(word("part"));
                overShare.complete();
            });
            assertEquals(StatusCode.UNAVAILABLE, refused.code());
            assertEquals(
                    1,
                    registry.get("quicidl.server.calls.refused")
                            .functionCounter()
                            .count());
            // The client's listener may hear of the end just after the caller does.
            Waits.until(
                    () -> count("rpc.client.calls.refused", "join", "UNAVAILABLE") == 1,
                    () -> "the client counted no refusal");
            // The server's interceptors never saw it: it is no call of theirs. A handler counts as
            // running just before its interceptors run, so the gauge may lag a little.
            Waits.until(
                    () -> gauge("rpc.server.calls.active", "join") == SHARE,
                    () -> gauge("rpc.server.calls.active", "join") + " join calls active on the server");
            assertNull(registry.find("rpc.server.calls").counter());

            held.forEach(ClientStreamCall::cancel);
            Waits.until(
                    () -> count("rpc.server.calls", "join", "CANCELLED") == SHARE
                            && count("rpc.client.calls", "join", "CANCELLED") == SHARE,
                    () -> count("rpc.server.calls", "join", "CANCELLED") + " cancelled on the server, "
                            + count("rpc.client.calls", "join", "CANCELLED") + " on the client");
            assertEquals(0, gauge("rpc.server.calls.active", "join"));
            assertEquals(0, gauge("rpc.client.calls.active", "join"));
        }
    }

    @Test
    void aLaterInterceptorsRefusalIsCountedWhenTheMetersComeFirst() {
        Server.Builder refusing = Server.builder()
                .intercept(new MetricsServerInterceptor(registry))
                .intercept(call -> {
                    if (call.method().fullName().endsWith("/echo")) {
                        throw new StatusException(StatusCode.PERMISSION_DENIED, "not you");
                    }
                    return ServerCallListener.NONE;
                });
        try (Server server = server(refusing);
                Client client = connect(server)) {
            ProbeClient probe = new ProbeClient(client);
            StatusException denied = assertThrows(StatusException.class, () -> probe.echo(word("hi")));
            assertEquals(StatusCode.PERMISSION_DENIED, denied.code());
            Waits.until(
                    () -> count("rpc.server.calls", "echo", "PERMISSION_DENIED") == 1,
                    () -> "no PERMISSION_DENIED call counted");
            assertEquals(0, gauge("rpc.server.calls.active", "echo"));
            assertEquals(
                    0, registry.get("rpc.server.messages.received").counter().count());
        }
    }

    private Server server(Server.Builder builder) {
        return builder.bind("127.0.0.1", 0)
                .identity(identity)
                .addService(ProbeServerBinding.bind(new ProbeService()))
                .start();
    }

    private Client connect(Server server) {
        return Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
    }

    private double count(String name, String method, String status) {
        Counter counter = registry.find(name)
                .tag(MeterNames.METHOD, method)
                .tag(MeterNames.STATUS, status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name, String method) {
        return registry.get(name).tag(MeterNames.METHOD, method).gauge().value();
    }
}
