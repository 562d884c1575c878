package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/**
 * A service and its rpcs in declaration order.
 *
 * @param fullName {@code example.chat.Chat}
 * @param javaName the service's own Java name ({@code com.acme.chat.Chat}); generators
 *     derive client and server class names from it
 */
public record Service(
        String name, String fullName, JavaName javaName, String doc, SourceLocation location, List<Rpc> rpcs) {

    public Service {
        rpcs = List.copyOf(rpcs);
    }
}
