package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.Service;
import io.quicidl.runtime.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes generated for a service, named from the service's Java name, and the Java names
 * of its rpcs' descriptor constants.
 *
 * @param methods {@code ChatMethods}: the method descriptors
 * @param server {@code ChatServer}: the interface implementations provide
 * @param asyncServer {@code ChatAsyncServer}: the same with non-blocking {@code @unary} handlers
 * @param binding {@code ChatServerBinding}: turns an implementation into a service definition
 * @param client {@code ChatClient}: the blocking stub
 * @param asyncClient {@code ChatAsyncClient}: the asynchronous stub
 * @param constants rpc to descriptor constant, e.g. {@code fetch_blocks} to {@code FETCH_BLOCKS}
 */
record ServiceNames(
        Service service,
        ClassName methods,
        ClassName server,
        ClassName asyncServer,
        ClassName binding,
        ClassName client,
        ClassName asyncClient,
        Map<Rpc, String> constants) {

    /** The constant holding the service's name, {@code package.Service}. */
    static final String SERVICE_NAME = "SERVICE_NAME";

    static ServiceNames of(Service service) {
        ClassName base = JavaTypes.className(service.javaName());
        String name = base.simpleName();
        NameAllocator names = new NameAllocator();
        names.newName(SERVICE_NAME);
        Map<Rpc, String> constants = new LinkedHashMap<>();
        for (Rpc rpc : service.rpcs()) {
            constants.put(rpc, names.newName(upperSnake(rpc.javaName()), rpc));
        }
        return new ServiceNames(
                service,
                base.peerClass(name + "Methods"),
                base.peerClass(name + "Server"),
                base.peerClass(name + "AsyncServer"),
                base.peerClass(name + "ServerBinding"),
                base.peerClass(name + "Client"),
                base.peerClass(name + "AsyncClient"),
                constants);
    }

    /** Every class the service generates, whatever the roles. */
    List<ClassName> all() {
        return List.of(methods, server, asyncServer, binding, client, asyncClient);
    }

    /** Whether the service has an rpc an {@link #asyncServer} serves differently: a {@code @unary} one. */
    boolean hasAsyncServer() {
        return service.rpcs().stream().anyMatch(rpc -> pattern(rpc) == Pattern.UNARY);
    }

    /** {@code fetchBlocks} becomes {@code FETCH_BLOCKS}. */
    private static String upperSnake(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }

    static Pattern pattern(Rpc rpc) {
        return Pattern.valueOf(rpc.pattern().name());
    }

    static TypeName request(Rpc rpc) {
        return JavaTypes.className(rpc.request().javaName());
    }

    /** The response type; {@code Void} for patterns without a response. */
    static TypeName response(Rpc rpc) {
        return rpc.response()
                .<TypeName>map(r -> JavaTypes.className(r.javaName()))
                .orElse(ClassName.get(Void.class));
    }
}
