package io.quicidl.runtime;

import io.quicidl.runtime.transport.CallConnection;
import java.util.List;

/** A channel's connection seen through client interceptors: what {@link Channel#intercept} returns. */
final class InterceptedChannel extends Channel {
    private final CallConnection connection;
    private final List<ClientInterceptor> interceptors;

    InterceptedChannel(CallConnection connection, List<ClientInterceptor> interceptors) {
        this.connection = connection;
        this.interceptors = List.copyOf(interceptors);
    }

    @Override
    CallConnection connection() {
        return connection;
    }

    List<ClientInterceptor> interceptors() {
        return interceptors;
    }

    @Override
    InterceptedCall interceptCall(MethodDescriptor<?, ?> method, CallOptions options) {
        return InterceptedCall.start(method, options, interceptors);
    }
}
