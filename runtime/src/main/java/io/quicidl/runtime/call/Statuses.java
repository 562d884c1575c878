package io.quicidl.runtime.call;

import io.quicidl.runtime.DeclaredError;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.ErrorType;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.wire.StatusFrame;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** Turns handler outcomes into STATUS frames and STATUS frames back into client exceptions (SPEC.md §4.2). */
final class Statuses {
    private static final System.Logger LOG = System.getLogger(Statuses.class.getName());

    private Statuses() {}

    /** STATUS OK with the handler's trailers. */
    static StatusFrame ok(Metadata trailers, long responseCount) {
        return new StatusFrame(StatusCode.OK, "", null, trailers, responseCount);
    }

    /**
     * The STATUS for a handler that threw {@code failure}. Anything but a {@link StatusException}
     * or a {@link DeclaredError} is a bug of the handler: it is logged here and the client only
     * learns INTERNAL, never the stack trace.
     */
    static StatusFrame ofHandlerFailure(MethodDescriptor<?, ?> method, Throwable failure, Metadata trailers) {
        if (failure instanceof StatusException e) {
            Metadata all = e.trailers().isEmpty() ? trailers : e.trailers();
            // SPEC.md §3: an ErrorDetail goes only with FAILED_PRECONDITION.
            ErrorDetail detail = e.code() == StatusCode.FAILED_PRECONDITION ? e.errorDetail() : null;
            return new StatusFrame(e.code(), e.description(), detail, all, 0);
        }
        if (failure instanceof DeclaredError e) {
            try {
                ErrorDetail detail = e.errorType().toDetail(e);
                String message = e.getMessage() == null ? "" : e.getMessage();
                return new StatusFrame(StatusCode.FAILED_PRECONDITION, message, detail, trailers, 0);
            } catch (RuntimeException encodingFailure) {
                failure.addSuppressed(encodingFailure);
            }
        }
        LOG.log(Level.WARNING, "handler of " + method.fullName() + " failed", failure);
        return new StatusFrame(StatusCode.INTERNAL, "internal error", null, trailers, 0);
    }

    /**
     * The exception a client throws for a STATUS other than OK (SPEC.md §4.2): the method's typed
     * {@link DeclaredError} when a FAILED_PRECONDITION detail names one of its error types, else a
     * {@link StatusException} (keeping a detail it could not type).
     */
    static RuntimeException toException(MethodDescriptor<?, ?> method, StatusFrame status) {
        ErrorDetail detail = status.code() == StatusCode.FAILED_PRECONDITION ? status.error() : null;
        if (detail != null) {
            for (ErrorType<?> type : method.errorTypes()) {
                if (type.typeName().equals(detail.type())) {
                    try {
                        return type.fromDetail(detail);
                    } catch (IOException | RuntimeException e) {
                        return new StatusException(status.code(), status.message(), status.trailers(), detail, e);
                    }
                }
            }
        }
        return new StatusException(status.code(), status.message(), status.trailers(), detail, null);
    }

    /** Why a call was not started: the admission's reason, or a closed executor's. */
    static String refusal(java.util.concurrent.RejectedExecutionException e) {
        String reason = e.getMessage();
        return reason != null && reason.startsWith("the server is busy") ? reason : "the server is not accepting calls";
    }
}
