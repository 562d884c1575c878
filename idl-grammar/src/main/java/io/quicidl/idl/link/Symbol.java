package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.JavaName;

/** A declared name: a type or a service, with the file that declares it. */
record Symbol(Kind kind, String fullName, JavaName javaName, String filePath, SourceLocation location) {

    enum Kind {
        MESSAGE("message"),
        ENUM("enum"),
        ERROR("error"),
        SERVICE("service");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** "message", "enum", ... as used in diagnostics. */
        String word() {
            return word;
        }
    }
}
