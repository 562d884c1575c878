package io.quicidl.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.NamedType;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.model.TypeRef.ListRef;
import io.quicidl.idl.model.TypeRef.MapRef;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.idl.model.TypeRef.OptionalRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A message or error as the generators see it: its class, and its fields with the Java names
 * their members get. One {@link NameAllocator} hands out every name in the class, so a field
 * named like a generated member ({@code to_builder}, {@code unknown_fields}) is renamed
 * ({@code toBuilder_}) instead of clashing.
 *
 * @param builderName the nested builder class (messages only)
 * @param codecName the nested codec class
 */
record Struct(
        NamedType type,
        ClassName className,
        List<Member> members,
        String builderName,
        String codecName,
        String unknownFieldsName,
        String cachedSizeName) {

    /**
     * A field and the Java names of its members; a name is null where the field has no such
     * member.
     *
     * @param name private field, accessor, builder setter, parameter
     * @param hasName {@code hasX()}: whether an {@code optional} or message field is set
     * @param clearName the builder method that unsets an {@code optional} or message field
     * @param addName the builder method that adds one element to a list ({@code addX}) or puts
     *     one entry in a map ({@code putX})
     * @param addAllName the builder method that adds many ({@code addAllX}, {@code putAllX})
     */
    record Member(Field field, String name, String hasName, String clearName, String addName, String addAllName) {
        TypeRef type() {
            return field.type();
        }

        int number() {
            return field.number();
        }
    }

    /** Members every generated message or error class has, besides one per field. */
    private static final List<String> RESERVED = List.of(
            "CODEC",
            "DEFAULT_INSTANCE",
            "ERROR_TYPE",
            "serialVersionUID",
            "newBuilder",
            "toBuilder",
            "defaultInstance",
            "build",
            "equals",
            "hashCode",
            "toString",
            "getClass",
            "errorType",
            "getMessage",
            "getLocalizedMessage",
            "getCause",
            "initCause",
            "fillInStackTrace",
            "getStackTrace",
            "setStackTrace",
            "addSuppressed",
            "getSuppressed",
            "printStackTrace");

    static Struct of(MessageType message) {
        List<String> taken = new ArrayList<>(message.javaName().simpleNames());
        message.nestedTypes().forEach(t -> taken.add(t.javaName().simpleName()));
        return of(message, message.fields(), taken);
    }

    static Struct of(ErrorType error) {
        return of(error, error.fields(), List.of(error.javaName().simpleName()));
    }

    private static Struct of(NamedType type, List<Field> fields, List<String> takenClassNames) {
        NameAllocator names = new NameAllocator();
        RESERVED.forEach(names::newName);
        String unknownFields = names.newName("unknownFields");
        String cachedSize = names.newName("cachedSize");
        List<Member> members = new ArrayList<>();
        fields.forEach(field -> names.newName(field.javaName(), field));
        for (Field field : fields) {
            TypeRef fieldType = field.type();
            boolean presence = fieldType instanceof OptionalRef || fieldType instanceof MessageRef;
            String suffix = Character.toUpperCase(field.javaName().charAt(0))
                    + field.javaName().substring(1);
            String add = fieldType instanceof ListRef ? "add" : fieldType instanceof MapRef ? "put" : null;
            members.add(new Member(
                    field,
                    names.get(field),
                    presence ? names.newName("has" + suffix) : null,
                    presence ? names.newName("clear" + suffix) : null,
                    add != null ? names.newName(add + suffix) : null,
                    add != null ? names.newName(add + "All" + suffix) : null));
        }
        Set<String> classNames = new HashSet<>(takenClassNames);
        return new Struct(
                type,
                JavaTypes.className(type.javaName()),
                members,
                freeClassName("Builder", classNames),
                freeClassName("Codec", classNames),
                unknownFields,
                cachedSize);
    }

    /** {@code Builder}, or {@code Builder_} when a nested or enclosing type is named so. */
    private static String freeClassName(String wanted, Set<String> taken) {
        String name = wanted;
        while (!taken.add(name)) {
            name += "_";
        }
        return name;
    }

    JavaName javaName() {
        return type.javaName();
    }

    ClassName builderClass() {
        return className.nestedClass(builderName);
    }

    ClassName codecClass() {
        return className.nestedClass(codecName);
    }
}
