package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backpressure end to end: a duplex echo of 1 GiB through a JVM whose heap is 64 MiB (the
 * {@code bounded-heap} surefire execution runs this class with {@code -Xmx64m}). Any unbounded
 * buffer on either side would run out of memory long before the end.
 */
@Tag("bounded-heap")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BoundedHeapDuplexTest {
    private static final int MESSAGE_BYTES = 64 * 1024;
    private static final long TOTAL_BYTES = 1L << 30;

    @Test
    void duplexEchoOfOneGibibyteRunsInASmallHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(
                maxHeap <= 80L << 20, "run with -Xmx64m (bounded-heap execution), heap is " + (maxHeap >> 20) + " MiB");
        Identity identity = Identity.selfSigned("localhost");
        EchoService service = new EchoService();
        Server server = Server.builder()
                .identity(identity)
                .addService(service.definition())
                .start();
        Client client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        try {
            DuplexCall<Text, Text> call = ClientCalls.duplex(client, EchoService.ECHO, CallOptions.DEFAULT);
            Text message = Text.ofSize(MESSAGE_BYTES - 3);
            long messages = TOTAL_BYTES / MESSAGE_BYTES;
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (long i = 0; i < messages; i++) {
                    call.send(message);
                }
                call.complete();
            });
            long received = 0;
            long bytes = 0;
            for (Text echoed : call) {
                received++;
                bytes += echoed.value().length() + 3;
            }
            sender.get(1, TimeUnit.MINUTES);
            assertEquals(messages, received);
            assertEquals(TOTAL_BYTES, bytes);
        } finally {
            client.close(Duration.ofSeconds(5));
            server.shutdown(Duration.ofSeconds(5));
            service.shutdown();
        }
    }
}
