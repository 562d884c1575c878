package io.quicidl.idl.model;

/** The resolved type of a field. */
public sealed interface TypeRef {

    /** The type as a schema would spell it, e.g. {@code map<string, example.chat.Room>}. */
    String schemaText();

    /** A built-in value type. */
    record ScalarRef(ScalarType scalar) implements TypeRef {
        @Override
        public String schemaText() {
            return scalar.schemaName();
        }
    }

    /** A message type, found in {@link Schema#type(String)} by its full name. */
    record MessageRef(String fullName, JavaName javaName) implements TypeRef {
        @Override
        public String schemaText() {
            return fullName;
        }
    }

    /** An enum type, found in {@link Schema#type(String)} by its full name. */
    record EnumRef(String fullName, JavaName javaName) implements TypeRef {
        @Override
        public String schemaText() {
            return fullName;
        }
    }

    /** {@code optional T}: the field has presence. T is a scalar, message or enum. */
    record OptionalRef(TypeRef element) implements TypeRef {
        @Override
        public String schemaText() {
            return "optional " + element.schemaText();
        }
    }

    /** {@code list<T>}: a repeated field. T is a scalar, message or enum. */
    record ListRef(TypeRef element) implements TypeRef {
        @Override
        public String schemaText() {
            return "list<" + element.schemaText() + ">";
        }
    }

    /**
     * {@code map<K, V>}: K is an integral scalar, {@code string} or {@code bool}; V is a
     * scalar, message or enum.
     */
    record MapRef(TypeRef key, TypeRef value) implements TypeRef {
        @Override
        public String schemaText() {
            return "map<" + key.schemaText() + ", " + value.schemaText() + ">";
        }
    }
}
