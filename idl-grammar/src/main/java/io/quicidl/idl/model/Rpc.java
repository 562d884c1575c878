package io.quicidl.idl.model;

import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.TypeRef.MessageRef;
import java.util.List;
import java.util.Optional;

/**
 * One method of a service. The signature always fits the pattern (the validator checks
 * it): {@code clientStreaming == pattern.clientStreaming()} and so on.
 *
 * @param name as declared, e.g. {@code fetch_blocks}
 * @param javaName camelCase, keyword-escaped: {@code fetchBlocks}
 * @param path the method path on the wire, {@code /example.chat.Chat/fetch_blocks}
 * @param response empty for NOTIFICATIONS and REALTIME
 * @param errors the errors it declares in {@code throws}, in order
 */
public record Rpc(
        String name,
        String javaName,
        String path,
        RpcPattern pattern,
        MessageRef request,
        boolean clientStreaming,
        Optional<MessageRef> response,
        boolean serverStreaming,
        RpcModifiers modifiers,
        List<ErrorRef> errors,
        String doc,
        SourceLocation location) {

    public Rpc {
        errors = List.copyOf(errors);
    }
}
