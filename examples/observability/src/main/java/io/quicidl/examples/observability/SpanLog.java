package io.quicidl.examples.observability;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quicidl.opentelemetry.SpanNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A span exporter that keeps the finished spans in memory, and describes them one trace a line:
 * the start of the trace id, the call's name, the status its client and its server span saw, and
 * whether the server span is the client span's child, which is what the trace context in the
 * call's metadata is for. A real application would export to a collector instead.
 */
final class SpanLog implements SpanExporter {
    private final Collection<SpanData> spans = new ConcurrentLinkedQueue<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> finished) {
        spans.addAll(finished);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** How many spans have ended so far. */
    int size() {
        return spans.size();
    }

    /** The finished spans, as exported. */
    List<SpanData> spans() {
        return List.copyOf(spans);
    }

    /** One line per trace, in the order the traces started. */
    List<String> describe() {
        Map<String, List<SpanData>> traces = new LinkedHashMap<>();
        spans().stream()
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(span -> traces.computeIfAbsent(span.getTraceId(), t -> new ArrayList<>())
                        .add(span));
        List<String> lines = new ArrayList<>();
        traces.forEach((traceId, inTrace) -> {
            Optional<SpanData> client = kind(inTrace, SpanKind.CLIENT);
            Optional<SpanData> server = kind(inTrace, SpanKind.SERVER);
            boolean child = client.isPresent()
                    && server.isPresent()
                    && server.get().getParentSpanId().equals(client.get().getSpanId());
            lines.add(String.format(
                    "trace %s  %-37s client %s, server %s%s",
                    traceId.substring(0, 8),
                    inTrace.get(0).getName(),
                    client.map(SpanLog::status).orElse("no span"),
                    server.map(SpanLog::status).orElse("no span"),
                    child ? ", server span child of client span" : ", server span NOT child of client span"));
        });
        return lines;
    }

    private static Optional<SpanData> kind(List<SpanData> spans, SpanKind kind) {
        return spans.stream().filter(span -> span.getKind() == kind).findFirst();
    }

    private static String status(SpanData span) {
        String status = span.getAttributes().get(SpanNames.STATUS);
        return status == null ? span.getStatus().getStatusCode().name() : status;
    }
}
