package io.quicidl.codegen;

import java.util.Objects;
import java.util.Optional;

/**
 * How to generate, shared by the command-line compiler and the Maven plugin.
 *
 * @param roles which sides of services to generate
 * @param javaPackage when present, the Java package of everything generated for the requested
 *     files, in place of their {@code java_package} option or schema package
 */
public record GenerationOptions(Roles roles, Optional<String> javaPackage) {

    /** Both roles, packages as the schemas say. */
    public static final GenerationOptions DEFAULT = new GenerationOptions(Roles.BOTH, Optional.empty());

    public GenerationOptions {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(javaPackage, "javaPackage");
    }

    public GenerationOptions withRoles(Roles roles) {
        return new GenerationOptions(roles, javaPackage);
    }

    public GenerationOptions withJavaPackage(String javaPackage) {
        return new GenerationOptions(roles, Optional.of(javaPackage));
    }
}
