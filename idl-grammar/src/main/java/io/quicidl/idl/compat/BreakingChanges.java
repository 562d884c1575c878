package io.quicidl.idl.compat;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.EnumValue;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.ReservedRange;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import java.util.List;
import java.util.Optional;

/**
 * Finds the changes between two versions of a schema that break peers built from the old
 * one: what changes bytes on the wire, method paths or the way a call uses streams.
 * Changes that old and new peers both understand (new fields, new rpcs, renamed fields,
 * doc comments, a removed field whose number is reserved) pass. docs/LANGUAGE.md §9 lists
 * the rules, one {@link DiagnosticCode} in the 4xx range each.
 *
 * <p>Types and services are matched by full name. Each diagnostic points into the new
 * schema: at the changed element, or at the element a removed one was in.
 */
public final class BreakingChanges {

    private final Schema previous;
    private final Schema current;
    private final Diagnostics diagnostics = new Diagnostics();

    private BreakingChanges(Schema previous, Schema current) {
        this.previous = previous;
        this.current = current;
    }

    /** Every breaking change from {@code previous} to {@code current}, in the order of the previous schema. */
    public static List<Diagnostic> between(Schema previous, Schema current) {
        BreakingChanges check = new BreakingChanges(previous, current);
        previous.services().forEach(check::service);
        previous.types().forEach(check::type);
        return check.diagnostics.all();
    }

    private void service(Service old) {
        Optional<Service> found = current.service(old.fullName());
        if (found.isEmpty()) {
            diagnostics.report(
                    DiagnosticCode.SERVICE_REMOVED,
                    whereRemoved(old.location()),
                    "service " + old.fullName() + " was removed or renamed; calls to its "
                            + old.rpcs().size() + " method(s) now fail as unknown methods");
            return;
        }
        Service service = found.get();
        for (Rpc rpc : old.rpcs()) {
            Optional<Rpc> now = service.rpcs().stream()
                    .filter(r -> r.name().equals(rpc.name()))
                    .findFirst();
            if (now.isEmpty()) {
                diagnostics.report(
                        DiagnosticCode.RPC_REMOVED,
                        service.location(),
                        "rpc " + rpc.path() + " was removed or renamed; calls to it now fail as unknown methods");
            } else {
                rpc(rpc, now.get());
            }
        }
    }

    private void rpc(Rpc old, Rpc rpc) {
        String name = "rpc " + old.path();
        if (old.clientStreaming() != rpc.clientStreaming() || old.serverStreaming() != rpc.serverStreaming()) {
            diagnostics.report(
                    DiagnosticCode.RPC_STREAMING_CHANGED,
                    rpc.location(),
                    name + " changed its signature from '" + signature(old) + "' to '" + signature(rpc)
                            + "' (@" + old.pattern().annotationName() + " to @"
                            + rpc.pattern().annotationName() + ")");
        } else if (old.pattern() != rpc.pattern()) {
            diagnostics.report(
                    DiagnosticCode.RPC_PATTERN_CHANGED,
                    rpc.location(),
                    name + " changed its pattern from @" + old.pattern().annotationName() + " to @"
                            + rpc.pattern().annotationName() + ", which uses QUIC streams differently");
        }
        if (!old.request().fullName().equals(rpc.request().fullName())) {
            diagnostics.report(
                    DiagnosticCode.RPC_REQUEST_TYPE_CHANGED,
                    rpc.location(),
                    name + " changed its request type from " + old.request().fullName() + " to "
                            + rpc.request().fullName());
        }
        String oldResponse = old.response().map(MessageRef::fullName).orElse("none");
        String response = rpc.response().map(MessageRef::fullName).orElse("none");
        if (!oldResponse.equals(response)) {
            diagnostics.report(
                    DiagnosticCode.RPC_RESPONSE_TYPE_CHANGED,
                    rpc.location(),
                    name + " changed its response type from " + oldResponse + " to " + response);
        }
        for (ErrorRef error : old.errors()) {
            if (rpc.errors().stream().noneMatch(e -> e.fullName().equals(error.fullName()))) {
                diagnostics.report(
                        DiagnosticCode.DECLARED_ERROR_REMOVED,
                        rpc.location(),
                        name + " no longer declares error " + error.fullName()
                                + "; old clients expect it typed, and new servers cannot throw it");
            }
        }
    }

    private static String signature(Rpc rpc) {
        String text =
                "(" + (rpc.clientStreaming() ? "stream " : "") + rpc.request().fullName() + ")";
        return rpc.response()
                .map(r -> text + " returns (" + (rpc.serverStreaming() ? "stream " : "") + r.fullName() + ")")
                .orElse(text);
    }

    private void type(NamedType old) {
        Optional<NamedType> now = current.type(old.fullName());
        if (now.isEmpty()) {
            // A type is not on the wire by itself; a field or rpc that used it has changed type.
            return;
        }
        if (old instanceof MessageType m && now.get() instanceof MessageType n) {
            fields("message", m.fullName(), m.fields(), n.fields(), n.reservedNumbers(), n.location());
        } else if (old instanceof ErrorType e && now.get() instanceof ErrorType n) {
            fields("error", e.fullName(), e.fields(), n.fields(), n.reservedNumbers(), n.location());
        } else if (old instanceof EnumType e && now.get() instanceof EnumType n) {
            enumValues(e, n);
        }
    }

    private void fields(
            String kind,
            String owner,
            List<Field> oldFields,
            List<Field> fields,
            List<ReservedRange> reserved,
            SourceLocation ownerLocation) {
        for (Field old : oldFields) {
            Optional<Field> sameNumber =
                    fields.stream().filter(f -> f.number() == old.number()).findFirst();
            Optional<Field> sameName =
                    fields.stream().filter(f -> f.name().equals(old.name())).findFirst();
            String name = "field '" + old.name() + "' of " + kind + " " + owner;
            if (sameNumber.isPresent()) {
                Field field = sameNumber.get();
                if (!wireType(old.type()).equals(wireType(field.type()))) {
                    diagnostics.report(
                            DiagnosticCode.FIELD_TYPE_CHANGED,
                            field.location(),
                            "field number " + old.number() + " of " + kind + " " + owner + " changed its type from '"
                                    + old.type().schemaText() + "' to '"
                                    + field.type().schemaText()
                                    + "', which is encoded differently");
                }
            } else if (sameName.isPresent()) {
                diagnostics.report(
                        DiagnosticCode.FIELD_NUMBER_CHANGED,
                        sameName.get().location(),
                        name + " changed its number from " + old.number() + " to "
                                + sameName.get().number());
            } else if (reserved.stream().noneMatch(r -> r.contains(old.number()))) {
                diagnostics.report(
                        DiagnosticCode.FIELD_REMOVED,
                        ownerLocation,
                        name + " (number " + old.number() + ") was removed without reserving its number",
                        "add 'reserved " + old.number() + ";' so that no new field reuses it");
            }
        }
    }

    /** The type as the wire sees it: {@code optional} only adds presence, so it does not count. */
    private static String wireType(TypeRef type) {
        return type instanceof TypeRef.OptionalRef o ? o.element().schemaText() : type.schemaText();
    }

    private void enumValues(EnumType old, EnumType now) {
        for (EnumValue value : old.values()) {
            if (now.values().stream().anyMatch(v -> v.number() == value.number())) {
                continue;
            }
            Optional<EnumValue> sameName = now.values().stream()
                    .filter(v -> v.name().equals(value.name()))
                    .findFirst();
            if (sameName.isPresent()) {
                diagnostics.report(
                        DiagnosticCode.ENUM_VALUE_NUMBER_CHANGED,
                        sameName.get().location(),
                        "value " + value.name() + " of enum " + old.fullName() + " changed its number from "
                                + value.number() + " to " + sameName.get().number());
            } else {
                diagnostics.report(
                        DiagnosticCode.ENUM_VALUE_REMOVED,
                        now.location(),
                        "value " + value.name() + " = " + value.number() + " was removed from enum " + old.fullName()
                                + "; peers that still send it are not understood");
            }
        }
    }

    /** Where to report something that is gone: the start of its file in the new schema, if it is still there. */
    private SourceLocation whereRemoved(SourceLocation old) {
        return current.file(old.path()).isPresent()
                ? new SourceLocation(old.path(), 1, 1)
                : SourceLocation.ofFile(old.path());
    }
}
