package io.quicidl.runtime;

import io.quicidl.runtime.call.CallObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One client call passing through a channel's interceptors on the caller's thread: what they
 * see of it ({@link ClientCallInfo}), then the options to start it with and its observer.
 */
final class InterceptedCall implements ClientCallInfo {
    private final MethodDescriptor<?, ?> method;
    private CallOptions options;
    private CallObserver observer;

    private InterceptedCall(MethodDescriptor<?, ?> method, CallOptions options) {
        this.method = method;
        this.options = options;
    }

    /**
     * Asks each interceptor in order.
     *
     * @throws RuntimeException an interceptor's refusal, after the listeners before it saw it
     */
    static InterceptedCall start(MethodDescriptor<?, ?> method, CallOptions options, List<ClientInterceptor> chain) {
        InterceptedCall call = new InterceptedCall(method, options);
        List<CallListener> accepted = new ArrayList<>(chain.size());
        for (ClientInterceptor interceptor : chain) {
            try {
                accepted.add(Objects.requireNonNull(
                        interceptor.interceptCall(call),
                        () -> interceptor.getClass().getName() + ".interceptCall returned null"));
            } catch (RuntimeException refusal) {
                CallObserver before = CallObserver.of(accepted);
                if (before != null) {
                    before.close(refusal);
                }
                throw refusal;
            }
        }
        call.observer = CallObserver.of(accepted);
        return call;
    }

    @Override
    public MethodDescriptor<?, ?> method() {
        return method;
    }

    @Override
    public CallOptions options() {
        return options;
    }

    @Override
    public Metadata requestMetadata() {
        return options.metadata();
    }

    @Override
    public void setRequestMetadata(Metadata metadata) {
        options = options.withMetadata(metadata);
    }

    /** The listeners' observer; {@code null} when none observes anything. */
    CallObserver observer() {
        return observer;
    }
}
