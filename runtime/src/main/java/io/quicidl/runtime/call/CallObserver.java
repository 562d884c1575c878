package io.quicidl.runtime.call;

import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.DeclaredError;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The interceptors' listeners of one call, in chain order (outermost first), as the call layer
 * tells them what happens: requests to the outermost first, responses and the close to the
 * innermost first. Calls without a listener have no observer at all ({@code null}), so they pay
 * nothing. Thread-safe; the close is delivered once.
 */
public final class CallObserver {
    private static final System.Logger LOG = System.getLogger(CallObserver.class.getName());
    /** Listener classes whose failure was logged at WARNING already. */
    private static final Set<String> FAILED_LISTENERS = ConcurrentHashMap.newKeySet();

    private final CallListener[] listeners;
    private final boolean observesMessages;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CallObserver(CallListener[] listeners, boolean observesMessages) {
        this.listeners = listeners;
        this.observesMessages = observesMessages;
    }

    /** The observer of these listeners, or {@code null} when each of them is a {@code NONE}. */
    public static CallObserver of(List<? extends CallListener> chain) {
        CallListener[] listeners = chain.stream()
                .filter(l -> l != CallListener.NONE && l != ServerCallListener.NONE)
                .toArray(CallListener[]::new);
        if (listeners.length == 0) {
            return null;
        }
        boolean messages = false;
        for (CallListener listener : listeners) {
            messages |= listener.observesMessages();
        }
        return new CallObserver(listeners, messages);
    }

    /** Whether any listener wants {@link #request} and {@link #response}. */
    public boolean observesMessages() {
        return observesMessages;
    }

    /** A request message of {@code size} encoded bytes was sent (client) or received (server). */
    public void request(Object message, int size) {
        for (CallListener listener : listeners) {
            try {
                listener.onRequest(message, size);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    /** A response message of {@code size} encoded bytes was received (client) or sent (server). */
    public void response(Object message, int size) {
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].onResponse(message, size);
            } catch (RuntimeException e) {
                failed(listeners[i], e);
            }
        }
    }

    /** The call ended with {@code outcome}, {@code null} for OK; only the first close counts. */
    public void close(Throwable outcome) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StatusCode code;
        String description;
        if (outcome == null) {
            code = StatusCode.OK;
            description = "";
        } else if (outcome instanceof StatusException e) {
            code = e.code();
            description = e.description();
        } else if (outcome instanceof DeclaredError e) {
            code = StatusCode.FAILED_PRECONDITION;
            description = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } else {
            code = StatusCode.INTERNAL;
            description = String.valueOf(outcome);
        }
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].onClose(code, description);
            } catch (RuntimeException e) {
                failed(listeners[i], e);
            }
        }
    }

    /** A broken listener fails on every call: WARNING the first time for its class, DEBUG after. */
    private static void failed(CallListener listener, RuntimeException e) {
        String name = listener.getClass().getName();
        Level level = FAILED_LISTENERS.add(name) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "call listener " + name + " failed; the call goes on", e);
    }
}
