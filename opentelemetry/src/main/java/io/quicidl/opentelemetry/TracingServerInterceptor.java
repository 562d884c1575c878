package io.quicidl.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quicidl.runtime.ServerCallInfo;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import java.util.Objects;

/**
 * Starts a {@link SpanKind#SERVER} span per call, child of the trace context the client sent in
 * the request metadata (W3C {@code traceparent} and {@code tracestate} with the usual setup), and
 * runs the handler with it current, so the handler's own spans join the trace. The span ends when
 * the call does, with the call's status. Register it first with {@code Server.Builder.intercept}
 * so that the calls later interceptors refuse get a span too.
 */
public final class TracingServerInterceptor implements ServerInterceptor {
    /** The instrumentation scope name of the spans. */
    static final String INSTRUMENTATION_NAME = "io.quicidl";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public TracingServerInterceptor(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public ServerCallListener interceptCall(ServerCallInfo call) {
        // The root, not the current context: the handler's thread carries no trace of its own.
        Context parent = propagator.extract(Context.root(), call.requestMetadata(), MetadataCarrier.GETTER);
        Span span = tracer.spanBuilder(SpanNames.spanName(call.method()))
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAllAttributes(SpanNames.attributes(call.method()))
                .startSpan();
        return new TracedCall(span, parent.with(span));
    }
}
