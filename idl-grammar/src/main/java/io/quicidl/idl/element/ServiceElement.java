package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** {@code service Chat { rpcs }} */
public record ServiceElement(SourceLocation location, String doc, String name, List<RpcElement> rpcs) {

    public ServiceElement {
        rpcs = List.copyOf(rpcs);
    }
}
