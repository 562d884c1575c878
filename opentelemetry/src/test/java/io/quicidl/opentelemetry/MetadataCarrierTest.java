package io.quicidl.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.runtime.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the trace context is written into and read from call metadata, without a call. */
class MetadataCarrierTest {
    @Test
    void aCallersOwnTraceContextIsReplacedAndOtherEntriesKept() {
        Metadata caller = Metadata.builder()
                .add("traceparent", "00-stale-stale-01")
                .add("tenant", "blue")
                .build();
        Metadata sent = MetadataCarrier.with(
                caller, List.of("traceparent", "tracestate"), Map.of("traceparent", "00-fresh-fresh-01"));
        assertEquals(List.of("00-fresh-fresh-01"), sent.getAll("traceparent"));
        assertEquals("blue", sent.get("tenant").orElseThrow());
    }

    @Test
    void propagatorKeysAreLowerCasedBothWays() {
        Metadata sent = MetadataCarrier.with(Metadata.empty(), List.of("X-B3-TraceId"), Map.of("X-B3-TraceId", "abc"));
        assertEquals("abc", sent.get("x-b3-traceid").orElseThrow());
        assertEquals("abc", MetadataCarrier.GETTER.get(sent, "X-B3-TraceId"));
    }
}
