package io.quicidl.opentelemetry;

import static io.quicidl.opentelemetry.ProbeService.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quicidl.opentelemetry.probe.ProbeClient;
import io.quicidl.opentelemetry.probe.ProbeServerBinding;
import io.quicidl.opentelemetry.probe.Refused;
import io.quicidl.opentelemetry.probe.Word;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client and server spans over loopback QUIC, exported to the SDK's in-memory exporter. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TracingTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracers = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(tracers)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final ProbeService service = new ProbeService();
    private Server server;
    private Client client;
    private ProbeClient probe;

    @BeforeEach
    void start() {
        Identity identity = Identity.selfSigned("localhost");
        server = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(identity)
                .intercept(new TracingServerInterceptor(openTelemetry))
                .addService(ProbeServerBinding.bind(service))
                .start();
        client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        probe = new ProbeClient(client.intercept(new TracingClientInterceptor(openTelemetry)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        tracers.close();
    }

    @Test
    void oneTraceSpansClientAndServerForACallOfEachPattern() {
        ProbeCalls calls = new ProbeCalls(probe);
        calls.unary();
        calls.serverStreaming();
        calls.clientStreaming();
        calls.duplex();
        calls.notifications();
        calls.unordered();
        calls.realtime();

        List<String> patterns = List.of(
                "echo unary",
                "repeat server_streaming",
                "join client_streaming",
                "chat duplex",
                "note notifications",
                "scatter unordered",
                "live realtime");
        for (String methodAndPattern : patterns) {
            String method = methodAndPattern.split(" ")[0];
            String pattern = methodAndPattern.split(" ")[1];
            SpanData[] pair = clientAndServer("quicidl.probe.Probe/" + method);
            SpanData clientSpan = pair[0];
            SpanData serverSpan = pair[1];
            assertEquals(clientSpan.getTraceId(), serverSpan.getTraceId(), method + ": one trace");
            assertEquals(clientSpan.getSpanId(), serverSpan.getParentSpanId(), method + ": server span's parent");
            assertTrue(serverSpan.getParentSpanContext().isRemote(), method);
            assertTrue(!clientSpan.getParentSpanContext().isValid(), method + ": the client span is a root");
            for (SpanData span : pair) {
                assertEquals(pattern, span.getAttributes().get(SpanNames.PATTERN), method);
                assertEquals("quicidl", span.getAttributes().get(SpanNames.SYSTEM), method);
                assertEquals("quicidl.probe.Probe", span.getAttributes().get(SpanNames.SERVICE), method);
                assertEquals(method, span.getAttributes().get(SpanNames.METHOD), method);
                assertEquals("OK", span.getAttributes().get(SpanNames.STATUS), method);
                assertEquals(
                        io.opentelemetry.api.trace.StatusCode.UNSET,
                        span.getStatus().getStatusCode(),
                        method);
                assertEquals(List.of(), span.getEvents(), method);
            }
        }
        assertEquals(14, exporter.getFinishedSpanItems().size());
    }

    @Test
    void theCallersTraceAndTraceStateReachTheHandler() {
        SpanContext callerContext = SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "value").build());
        Scope scope = Context.root().with(Span.wrap(callerContext)).makeCurrent();
        try {
            probe.echo(word("hi"));
        } finally {
            scope.close();
        }
        SpanData[] pair = clientAndServer("quicidl.probe.Probe/echo");
        assertEquals(callerContext.getTraceId(), pair[0].getTraceId());
        assertEquals(callerContext.getSpanId(), pair[0].getParentSpanId());
        assertEquals(callerContext.getTraceId(), pair[1].getTraceId());
        assertEquals("value", pair[1].getParentSpanContext().getTraceState().get("vendor"));
        assertEquals(pair[1].getSpanId(), service.echoSpan.getSpanId(), "the handler ran in the server span");
    }

    @Test
    void failedAndCancelledCallsEndTheirSpansWithAnErrorStatus() {
        assertThrows(Refused.class, () -> probe.echo(word("no")));
        SpanData[] refused = clientAndServer("quicidl.probe.Probe/echo");
        for (SpanData span : refused) {
            assertEquals(
                    io.opentelemetry.api.trace.StatusCode.ERROR,
                    span.getStatus().getStatusCode());
            assertEquals("FAILED_PRECONDITION", span.getAttributes().get(SpanNames.STATUS));
        }
        exporter.reset();

        try (ResponseStream<Word> words = probe.repeat(word("forever"))) {
            Iterator<Word> it = words.iterator();
            it.next();
        }
        SpanData[] cancelled = clientAndServer("quicidl.probe.Probe/repeat");
        for (SpanData span : cancelled) {
            String side = span.getKind().toString();
            assertEquals(
                    io.opentelemetry.api.trace.StatusCode.ERROR,
                    span.getStatus().getStatusCode(),
                    side);
            assertEquals("CANCELLED", span.getAttributes().get(SpanNames.STATUS), side);
            List<EventData> events = span.getEvents();
            assertEquals(1, events.size(), side + " events " + events);
            assertEquals(SpanNames.CANCELLED_EVENT, events.get(0).getName(), side);
            assertTrue(!events.get(0).getAttributes().get(SpanNames.REASON).isEmpty(), side + " event " + events);
        }
    }

    /** Waits for the client and the server span of the one call of {@code name}. */
    private SpanData[] clientAndServer(String name) {
        Waits.until(
                () -> spans(name, SpanKind.CLIENT).size() == 1
                        && spans(name, SpanKind.SERVER).size() == 1,
                () -> name + ": spans " + exporter.getFinishedSpanItems());
        return new SpanData[] {
            spans(name, SpanKind.CLIENT).get(0), spans(name, SpanKind.SERVER).get(0)
        };
    }

    private List<SpanData> spans(String name, SpanKind kind) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name) && span.getKind() == kind)
                .toList();
    }
}
