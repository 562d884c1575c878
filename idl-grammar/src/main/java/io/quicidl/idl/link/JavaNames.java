package io.quicidl.idl.link;

import java.util.Set;

/** How schema names become Java names: PascalCase types, camelCase members, escaped keywords. */
public final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_");

    // Members named like these would override or clash with java.lang.Object's methods,
    // and records forbid them as component names.
    private static final Set<String> OBJECT_METHODS =
            Set.of("clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    // Allowed as variable names but not as class names.
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    private JavaNames() {}

    /** {@code chat_message} and {@code ChatMessage} both become {@code ChatMessage}. */
    public static String pascalCase(String name) {
        String camel = camelCaseUnescaped(name);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /**
     * {@code sent_at} becomes {@code sentAt}; {@code class} becomes {@code class_}, and so
     * does a name of an Object method: {@code hash_code} becomes {@code hashCode_}.
     */
    public static String camelCase(String name) {
        String camel = camelCaseUnescaped(name);
        return OBJECT_METHODS.contains(camel) ? camel + "_" : escape(camel);
    }

    /** Appends {@code _} to Java keywords, so that {@code class} can be a member name. */
    public static String escape(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** Whether {@code name} cannot be the name of a Java class. */
    public static boolean isReservedForTypes(String name) {
        return KEYWORDS.contains(name) || RESTRICTED_TYPE_NAMES.contains(name);
    }

    public static boolean isKeyword(String name) {
        return KEYWORDS.contains(name);
    }

    /** Schema names start with a letter (the grammar ensures it), so the result does too. */
    private static String camelCaseUnescaped(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upperNext = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upperNext = out.length() > 0;
            } else if (out.length() == 0) {
                out.append(Character.toLowerCase(c));
            } else {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return out.length() == 0 ? name : out.toString();
    }
}
