package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.TestAccess;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelled calls give their stream credit back, however the peer's RESET_STREAM and
 * STOP_SENDING interleave with the end of the call: a client that cancels many times the
 * server's stream limit on one connection keeps opening streams, and Netty's table of stream
 * channels does not keep the dead ones. Both leaked before {@code ClosedStreams}: a connection
 * stalled after a few hundred cancelled calls, and every reset stream stayed in the table.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamCreditTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    /** The server's bidi stream limit: small, so that a few leaked streams would stall the client. */
    private static final int STREAM_LIMIT = 20;

    private static final int STREAMS = 50 * STREAM_LIMIT;

    private Server server;
    private Client client;

    @BeforeEach
    void start() {
        server = Server.builder()
                .identity(IDENTITY)
                .addService(HostileService.definition())
                .limits(Limits.defaults().withMaxConcurrentStreams(STREAM_LIMIT, 16))
                .maxCancelledCalls(0) // the rapid-reset guard would close the connection first
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void cancelledCallsReturnTheirStreamCreditAndLeaveNettysTable() throws Exception {
        AtomicLong sent = new AtomicLong();
        RapidResets.openAndReset(client, sent, STREAMS, STREAM_LIMIT);
        // A connection without credit goes idle and times out before the attacker gives up.
        assertTrue(sent.get() > STREAMS, "the connection ended after " + sent.get() + " of " + STREAMS + " streams");
        // Handlers of the last cancelled calls may still be in their 100 ms sleep and fill the
        // connection's share of handlers (on a loaded box they were seen refusing the next call).
        Waits.await(() -> server.runningHandlers() == 0, "the cancelled calls' handlers to end");
        assertEquals(
                "ok:after",
                ClientCalls.unary(client, HostileService.QUICK, Text.of("after"), CallOptions.DEFAULT)
                        .value());
        int left = nettyStreamTableSize(client);
        // The control stream and the last call's stream may remain; none of the cancelled ones.
        assertTrue(
                left <= STREAM_LIMIT,
                "stream channels left in Netty's table after " + STREAMS + " cancelled calls: " + left);
    }

    /** How many stream channels Netty's QUIC channel under {@code client} still holds. */
    private static int nettyStreamTableSize(Client client) throws ReflectiveOperationException {
        Object connection = TestAccess.connection(client);
        Method channelOf = connection.getClass().getDeclaredMethod("channel");
        channelOf.setAccessible(true);
        Object channel = channelOf.invoke(connection);
        Field streams = channel.getClass().getDeclaredField("streams");
        streams.setAccessible(true);
        Object table = streams.get(channel);
        return (int) table.getClass().getMethod("size").invoke(table);
    }
}
