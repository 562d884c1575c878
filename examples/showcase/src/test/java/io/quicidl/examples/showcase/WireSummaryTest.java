package io.quicidl.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.WireEvent.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireSummaryTest {

    @Test
    void oneBidiStreamFinishedBothWays() {
        assertEquals(
                "1 client bidi stream, FIN both ways",
                WireSummary.describe(List.of(
                        client(Type.STREAM_OPENED, 0, 0), server(Type.STREAM_OPENED, 0, 0),
                        client(Type.FIN_SENT, 0, 0), server(Type.FIN_SENT, 0, 0))));
    }

    @Test
    void abortsAreCountedWithTheirCodes() {
        assertEquals(
                "1 client bidi stream, client FIN, client STOP_SENDING CANCELLED, server RESET_STREAM CANCELLED",
                WireSummary.describe(List.of(
                        client(Type.STREAM_OPENED, 0, 0), client(Type.FIN_SENT, 0, 0),
                        client(Type.STOP_SENT, 0, 1), server(Type.RESET_SENT, 0, 1))));
        assertEquals(
                "2 client uni streams, client FIN, client RESET_STREAM STALE",
                WireSummary.describe(List.of(
                        client(Type.STREAM_OPENED, 2, 0), client(Type.STREAM_OPENED, 6, 0),
                        client(Type.RESET_SENT, 2, 2), client(Type.FIN_SENT, 6, 0))));
    }

    @Test
    void streamKindsAreCountedAndControlStreamsLeftOut() {
        assertEquals(
                "1 client bidi + 2 server uni streams, FIN on every stream",
                WireSummary.describe(List.of(
                        new WireEvent("client", 1, Type.STREAM_OPENED, 3, 0, "peer control"),
                        client(Type.STREAM_OPENED, 0, 0),
                        client(Type.FIN_SENT, 0, 0),
                        server(Type.STREAM_OPENED, 7, 0),
                        server(Type.FIN_SENT, 7, 0),
                        server(Type.STREAM_OPENED, 11, 0),
                        server(Type.FIN_SENT, 11, 0),
                        server(Type.FIN_SENT, 0, 0))));
    }

    @Test
    void aConnectionCloseNeedsNoStream() {
        assertEquals("client CONNECTION_CLOSE NO_ERROR", WireSummary.describe(List.of(client(Type.CLOSE_SENT, -1, 0))));
    }

    private static WireEvent client(Type type, long streamId, long code) {
        return new WireEvent("client", 1, type, streamId, code, "");
    }

    private static WireEvent server(Type type, long streamId, long code) {
        return new WireEvent("server", 1, type, streamId, code, "");
    }
}
