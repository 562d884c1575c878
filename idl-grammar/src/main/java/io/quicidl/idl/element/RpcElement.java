package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.TypeRefElement.NamedTypeElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code @unary @idempotent rpc history(HistoryRequest) returns (History) throws RoomNotFound;}
 *
 * @param location where the {@code rpc} keyword is (annotations and doc come before it)
 * @param response empty when the rpc has no {@code returns} clause
 */
public record RpcElement(
        SourceLocation location,
        String doc,
        List<AnnotationElement> annotations,
        String name,
        NamedTypeElement request,
        boolean requestStreaming,
        Optional<NamedTypeElement> response,
        boolean responseStreaming,
        List<NamedTypeElement> throwsList) {

    public RpcElement {
        annotations = List.copyOf(annotations);
        throwsList = List.copyOf(throwsList);
    }
}
