package io.quicidl.codegen.java;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** Javadoc from {@code ///} comments, and the marks every generated type carries. */
final class Docs {

    /** {@code @javax.annotation.processing.Generated("io.quicidl.codegen")}. */
    static final AnnotationSpec GENERATED = AnnotationSpec.builder(
                    ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", "io.quicidl.codegen")
            .build();

    private Docs() {}

    /** The doc comment as Javadoc text, or empty; {@code *}{@code /} cannot end the comment early. */
    static CodeBlock javadoc(String doc) {
        if (doc == null || doc.isBlank()) {
            return CodeBlock.of("");
        }
        return CodeBlock.of("$L\n", doc.replace("*/", "*&#47;"));
    }
}
