package io.quicidl.examples.authz;

import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.ClientCallInfo;
import io.quicidl.runtime.ClientInterceptor;
import io.quicidl.runtime.StatusCode;
import java.util.function.Consumer;

/** A client interceptor that reports each call's method and final status, without touching messages. */
public final class CallLog implements ClientInterceptor {
    private final String who;
    private final Consumer<String> out;

    public CallLog(String who, Consumer<String> out) {
        this.who = who;
        this.out = out;
    }

    @Override
    public CallListener interceptCall(ClientCallInfo call) {
        String method = call.method().fullName();
        return new CallListener() {
            @Override
            public boolean observesMessages() {
                return false;
            }

            @Override
            public void onClose(StatusCode code, String description) {
                out.accept(who + " " + method + " -> " + code + (description.isEmpty() ? "" : ": " + description));
            }
        };
    }
}
