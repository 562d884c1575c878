package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicConnectionStats;
import io.netty.util.concurrent.Future;
import io.quicidl.runtime.ConnectionStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a connection's counters and path estimates from the QUIC stack (quiche via Netty) into
 * {@link ConnectionStats}. Netty collects them on the connection's event loop; the future
 * completes there.
 */
final class QuicStats {
    private QuicStats() {}

    /** Collects the counters of {@code connection} and the estimates of its first path. */
    static CompletableFuture<ConnectionStats> collect(QuicConnection connection) {
        QuicChannel channel = connection.channel();
        CompletableFuture<ConnectionStats> result = new CompletableFuture<>();
        channel.collectStats().addListener((Future<QuicConnectionStats> connectionStats) -> {
            if (!connectionStats.isSuccess()) {
                result.completeExceptionally(connectionStats.cause());
                return;
            }
            channel.collectPathStats(0).addListener((Future<QuicConnectionPathStats> pathStats) -> {
                if (!pathStats.isSuccess()) {
                    result.completeExceptionally(pathStats.cause());
                    return;
                }
                QuicConnectionStats c = connectionStats.getNow();
                QuicConnectionPathStats p = pathStats.getNow();
                result.complete(new ConnectionStats(
                        c.sent(),
                        c.recv(),
                        c.lost(),
                        c.retrans(),
                        c.sentBytes(),
                        c.recvBytes(),
                        c.lostBytes(),
                        Duration.ofNanos(p.rtt()),
                        p.cwnd(),
                        p.deliveryRate(),
                        connection.number(),
                        // The listener runs on the connection's event loop, which the stream table is confined to.
                        connection.calls().size()));
            });
        });
        return result;
    }
}
