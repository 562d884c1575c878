package io.quicidl.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.StatusCode;

/**
 * One call's span, client or server: ended with the call's status, with an event when the call
 * was cancelled or ran out of time. On the server the handler runs with the span current.
 */
final class TracedCall implements ServerCallListener {
    private final Span span;
    private final Context context;

    TracedCall(Span span, Context context) {
        this.span = span;
        this.context = context;
    }

    @Override
    public boolean observesMessages() {
        return false;
    }

    @Override
    public void runHandler(Runnable handler) {
        Scope scope = context.makeCurrent();
        try {
            handler.run();
        } finally {
            scope.close();
        }
    }

    @Override
    public void onClose(StatusCode code, String description) {
        span.setAttribute(SpanNames.STATUS, code.name());
        if (code == StatusCode.CANCELLED) {
            span.addEvent(SpanNames.CANCELLED_EVENT, Attributes.of(SpanNames.REASON, description));
        } else if (code == StatusCode.DEADLINE_EXCEEDED) {
            span.addEvent(SpanNames.DEADLINE_EVENT, Attributes.of(SpanNames.REASON, description));
        }
        if (code != StatusCode.OK) {
            span.setStatus(
                    io.opentelemetry.api.trace.StatusCode.ERROR,
                    description.isEmpty() ? code.name() : code.name() + ": " + description);
        }
        span.end();
    }
}
