package io.quicidl.examples.observability;

import io.quicidl.runtime.ServerCallInfo;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.StatusCode;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A server interceptor that writes one line per call when it ends: method, pattern, final status
 * and how long the call took from reaching the interceptors to its status. It never looks at
 * messages, so the runtime adds no per-message hook for it.
 *
 * <p>The line is handed over on whichever thread ends the call, possibly an event loop: the
 * consumer must return at once (add to a queue, or a logger with an asynchronous appender).
 */
public final class AccessLog implements ServerInterceptor {
    private final Consumer<String> lines;

    public AccessLog(Consumer<String> lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public ServerCallListener interceptCall(ServerCallInfo call) {
        String method = call.method().fullName();
        String pattern = call.method().pattern().name().toLowerCase(Locale.ROOT);
        long started = System.nanoTime();
        return new ServerCallListener() {
            @Override
            public boolean observesMessages() {
                return false;
            }

            @Override
            public void onClose(StatusCode code, String description) {
                double millis = (System.nanoTime() - started) / 1e6;
                lines.accept(String.format(
                        Locale.ROOT,
                        "%-38s %-16s %-19s %8.2f ms%s",
                        method,
                        pattern,
                        code,
                        millis,
                        description.isEmpty() ? "" : "  " + description));
            }
        };
    }
}
