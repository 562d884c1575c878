package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Admission control across connections: one connection that holds calls open (each occupying a
 * handler blocked reading requests that never come) gets its share of the server's handlers and
 * no more; its next call is refused with UNAVAILABLE at once, counted, and a second connection
 * is still served.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandlerAdmissionTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final int MAX_HANDLERS = 8;

    @Test
    void aConnectionHoldingCallsOpenGetsItsShareAndTheOthersAreStillServed() throws Exception {
        EchoService service = new EchoService();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(service.definition())
                        .maxConcurrentHandlers(MAX_HANDLERS)
                        .start();
                Client hog = connect(server);
                Client polite = connect(server)) {
            List<ClientStreamCall<Text, Text>> held = new ArrayList<>();
            for (int i = 0; i < MAX_HANDLERS; i++) {
                ClientStreamCall<Text, Text> call =
                        ClientCalls.clientStreaming(hog, EchoService.CONCAT, CallOptions.DEFAULT);
                call.send(Text.of("part"));
                held.add(call);
            }
            await(() -> server.runningHandlers() == MAX_HANDLERS, "the hog's handlers to run");

            ClientStreamCall<Text, Text> overShare =
                    ClientCalls.clientStreaming(hog, EchoService.CONCAT, CallOptions.DEFAULT);
            // The refusal may arrive before the request is sent: send or complete reports it.
            StatusException refused = assertThrows(StatusException.class, () -> {
                overShare.send(Text.of("part"));
                overShare.complete();
            });
            assertEquals(StatusCode.UNAVAILABLE, refused.code());
            assertTrue(refused.getMessage().contains("busy"), refused.getMessage());
            assertEquals(1, server.refusedCalls());

            for (int i = 0; i < 20; i++) {
                assertEquals(
                        Text.of("echo:u" + i),
                        ClientCalls.unary(polite, EchoService.UNARY, Text.of("u" + i), CallOptions.DEFAULT));
            }
            held.forEach(ClientStreamCall::cancel);
            await(() -> server.runningHandlers() == 0, "the cancelled handlers to end");
        } finally {
            service.shutdown();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static Client connect(Server server) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }
}
