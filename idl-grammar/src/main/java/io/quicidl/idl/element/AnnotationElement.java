package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;
import java.util.Optional;

/** {@code @realtime(max_age_ms = 200)}; the name is stored without the {@code @}. */
public record AnnotationElement(SourceLocation location, String name, List<Argument> arguments) {

    public AnnotationElement {
        arguments = List.copyOf(arguments);
    }

    /** {@code max_age_ms = 200}, or a positional {@code 1048576}. */
    public record Argument(SourceLocation location, Optional<String> name, ConstantElement value) {}
}
