package io.quicidl.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.ClientCallInfo;
import io.quicidl.runtime.ClientInterceptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a {@link SpanKind#CLIENT} span per call, child of the caller's current context, and
 * sends its trace context in the call's request metadata with the OpenTelemetry instance's
 * propagator (W3C {@code traceparent} and {@code tracestate} with the usual setup). The span
 * ends when the call does, with the call's status. Attach it with
 * {@code client.intercept(new TracingClientInterceptor(openTelemetry))}.
 */
public final class TracingClientInterceptor implements ClientInterceptor {
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public TracingClientInterceptor(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(TracingServerInterceptor.INSTRUMENTATION_NAME);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public CallListener interceptCall(ClientCallInfo call) {
        Context parent = Context.current();
        Span span = tracer.spanBuilder(SpanNames.spanName(call.method()))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAllAttributes(SpanNames.attributes(call.method()))
                .startSpan();
        Context context = parent.with(span);
        Map<String, String> values = new LinkedHashMap<>();
        propagator.inject(context, values, Map::put);
        call.setRequestMetadata(MetadataCarrier.with(call.requestMetadata(), propagator.fields(), values));
        return new TracedCall(span, context);
    }
}
