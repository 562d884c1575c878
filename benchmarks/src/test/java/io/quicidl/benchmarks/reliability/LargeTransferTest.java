package io.quicidl.benchmarks.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.reliability.schema.Item;
import io.quicidl.benchmarks.reliability.schema.Request;
import io.quicidl.benchmarks.reliability.schema.Summary;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.ResponseStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * Item 2 of issue #12: a large transfer each way at 1% loss arrives whole, checked by SHA-256.
 * CI moves 64 MiB each way; {@code -Dreliability.transfer.mib=1024} is the full 1 GiB form.
 */
class LargeTransferTest {
    private static final int MIB = Integer.getInteger("reliability.transfer.mib", 64);
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = MIB * ((1 << 20) / CHUNK);
    private static final RelayConditions ONE_PERCENT = RelayConditions.PERFECT.withDrop(0.01);

    @Test
    void uploadAtOnePercentLossArrivesWhole() {
        try (ReliabilityServer server = new ReliabilityServer(false);
                ReliabilityServer.Connection connection = server.connect(ONE_PERCENT, ONE_PERCENT, 7)) {
            long start = System.nanoTime();
            ClientStreamCall<Item, Summary> upload = connection.stub().upload();
            MessageDigest sent = Payloads.sha256();
            for (int i = 0; i < CHUNKS; i++) {
                Item item = Payloads.item(1, i, CHUNK);
                item.data().asReadOnlyByteBufferList().forEach(sent::update);
                upload.send(item);
            }
            Summary summary = upload.complete();
            assertEquals(CHUNKS, summary.count());
            assertEquals((long) MIB << 20, summary.bytes());
            assertEquals(ByteString.copyFrom(sent.digest()), summary.sha256(), "SHA-256 of the bytes received");
            assertEquals(0, server.service().corruptItems());
            report("upload", connection.relay(), LossyUdpRelay.Direction.TO_SERVER, start);
        }
    }

    @Test
    void downloadAtOnePercentLossArrivesWhole() {
        try (ReliabilityServer server = new ReliabilityServer(false);
                ReliabilityServer.Connection connection = server.connect(ONE_PERCENT, ONE_PERCENT, 8)) {
            long start = System.nanoTime();
            MessageDigest received = Payloads.sha256();
            MessageDigest expected = Payloads.sha256();
            int count = 0;
            long bytes = 0;
            Request request =
                    Request.newBuilder().call(2).count(CHUNKS).size(CHUNK).build();
            try (ResponseStream<Item> items = connection.stub().download(request)) {
                for (Item item : items) {
                    assertEquals(count, item.index(), "chunks in order");
                    item.data().asReadOnlyByteBufferList().forEach(received::update);
                    Payloads.data(2, count, CHUNK).asReadOnlyByteBufferList().forEach(expected::update);
                    bytes += item.data().size();
                    count++;
                }
            }
            assertEquals(CHUNKS, count);
            assertEquals((long) MIB << 20, bytes);
            assertEquals(ByteString.copyFrom(expected.digest()), ByteString.copyFrom(received.digest()), "SHA-256");
            report("download", connection.relay(), LossyUdpRelay.Direction.TO_CLIENT, start);
        }
    }

    private static void report(String what, LossyUdpRelay relay, LossyUdpRelay.Direction data, long start) {
        LossyUdpRelay.Counters counters = relay.counters(data);
        assertTrue(counters.droppedAtRandom() > 0, "the path lost nothing: " + counters);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "Large %s: %d MiB at %s, SHA-256 match; %d of %d data-direction datagrams dropped; %.1f s"
                        + " (%.1f MB/s)%n",
                what,
                MIB,
                ONE_PERCENT.describe(),
                counters.droppedAtRandom(),
                counters.received(),
                seconds,
                ((long) MIB << 20) / seconds / 1e6);
    }
}
