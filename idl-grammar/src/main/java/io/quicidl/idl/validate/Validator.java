package io.quicidl.idl.validate;

import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation stage: rules about the linked model as a whole that linking does not need
 * (duplicates, reserved numbers, encodable containers, pattern signatures, Java names).
 */
public final class Validator {

    private final Diagnostics diagnostics;

    public Validator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void validate(Schema schema) {
        TypeRules types = new TypeRules(diagnostics);
        ServiceRules services = new ServiceRules(diagnostics);
        for (SchemaFile file : schema.files()) {
            for (NamedType type : file.types()) {
                validateType(types, type, List.of());
            }
            for (Service service : file.services()) {
                types.checkTypeName("service", service.name(), service.location());
                services.validate(service);
            }
        }
        new JavaClassNames(diagnostics).validate(schema);
    }

    private void validateType(TypeRules rules, NamedType type, List<MessageType> enclosing) {
        rules.checkTypeName(kind(type), type.name(), type.location());
        rules.checkNotNamedLikeEnclosing(type, enclosing);
        if (type instanceof MessageType m) {
            rules.checkFields("message", m.name(), m.fields(), m.reservedNumbers(), m.reservedNames());
            List<MessageType> inner = new ArrayList<>(enclosing);
            inner.add(m);
            for (NamedType nested : m.nestedTypes()) {
                validateType(rules, nested, inner);
            }
        } else if (type instanceof ErrorType e) {
            rules.checkFields("error", e.name(), e.fields(), e.reservedNumbers(), e.reservedNames());
        } else {
            rules.checkEnum((EnumType) type);
        }
    }

    private static String kind(NamedType type) {
        return type instanceof MessageType ? "message" : type instanceof ErrorType ? "error" : "enum";
    }
}
