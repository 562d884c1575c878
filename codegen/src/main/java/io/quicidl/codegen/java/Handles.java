package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.UnorderedSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime types each pattern's generated methods use (BRIEF §6): what a server handler
 * receives and returns, and what a client stub method takes and returns. Both match the
 * signatures of the runtime's {@code ServerMethod} handlers and {@code ClientCalls} helpers.
 */
final class Handles {

    private Handles() {}

    /** The handler's parameters, e.g. {@code (Room request, ResponseSink<ChatMessage> responses, ServerCallContext context)}. */
    static List<ParameterSpec> handlerParameters(Rpc rpc) {
        TypeName request = ServiceNames.request(rpc);
        TypeName response = ServiceNames.response(rpc);
        List<ParameterSpec> parameters = new ArrayList<>();
        if (rpc.clientStreaming()) {
            parameters.add(ParameterSpec.builder(generic(RequestStream.class, request), "requests")
                    .build());
        } else {
            parameters.add(ParameterSpec.builder(request, "request").build());
        }
        switch (rpc.pattern()) {
            case SERVER_STREAMING, DUPLEX ->
                parameters.add(ParameterSpec.builder(generic(ResponseSink.class, response), "responses")
                        .build());
            case UNORDERED ->
                parameters.add(ParameterSpec.builder(generic(UnorderedSink.class, response), "responses")
                        .build());
            default -> {}
        }
        parameters.add(ParameterSpec.builder(ServerCallContext.class, "context").build());
        return parameters;
    }

    /** The handler's result: the response for unary and client streaming, else {@code void}. */
    static TypeName handlerReturn(Rpc rpc) {
        return switch (rpc.pattern()) {
            case UNARY, CLIENT_STREAMING -> ServiceNames.response(rpc);
            default -> TypeName.VOID;
        };
    }

    /** Whether the client stub method takes the request message (else it returns a sink). */
    static boolean clientTakesRequest(Rpc rpc) {
        return !rpc.clientStreaming();
    }

    /** What the blocking stub returns: the response, or the runtime handle of the call. */
    static TypeName blockingReturn(Rpc rpc) {
        TypeName request = ServiceNames.request(rpc);
        TypeName response = ServiceNames.response(rpc);
        return switch (rpc.pattern()) {
            case UNARY -> response;
            case SERVER_STREAMING -> generic(ResponseStream.class, response);
            case CLIENT_STREAMING -> generic(ClientStreamCall.class, request, response);
            case DUPLEX -> generic(DuplexCall.class, request, response);
            case NOTIFICATIONS -> generic(NotificationSink.class, request);
            case UNORDERED -> generic(ResponseStream.class, generic(Indexed.class, response));
            case REALTIME -> generic(RealtimeSink.class, request);
        };
    }

    /** The {@code ClientCalls} helper of the pattern's blocking stub method. */
    static String blockingHelper(Rpc rpc) {
        return switch (rpc.pattern()) {
            case UNARY -> "unary";
            case SERVER_STREAMING -> "serverStreaming";
            case CLIENT_STREAMING -> "clientStreaming";
            case DUPLEX -> "duplex";
            case NOTIFICATIONS -> "notifications";
            case UNORDERED -> "unordered";
            case REALTIME -> "realtime";
        };
    }

    /** The classes of the declared errors, for {@code throws} clauses. */
    static List<TypeName> errors(Rpc rpc) {
        List<TypeName> errors = new ArrayList<>();
        for (ErrorRef error : rpc.errors()) {
            errors.add(JavaTypes.className(error.javaName()));
        }
        return errors;
    }

    static TypeName generic(Class<?> raw, TypeName... arguments) {
        return ParameterizedTypeName.get(ClassName.get(raw), arguments);
    }
}
