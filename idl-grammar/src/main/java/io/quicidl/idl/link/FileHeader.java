package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.ConstantElement;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.element.OptionElement;
import io.quicidl.idl.element.PackageElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A file's package and Java package, after checking its {@code package} and
 * {@code option} statements.
 */
record FileHeader(FileElement element, String packageName, String javaPackage) {

    private static final Pattern PACKAGE_SEGMENT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern JAVA_IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final String JAVA_PACKAGE = "java_package";
    private static final List<String> KNOWN_OPTIONS = List.of(JAVA_PACKAGE);

    String path() {
        return element.path();
    }

    static FileHeader check(FileElement file, Diagnostics diagnostics) {
        String packageName = packageName(file, diagnostics);
        String javaPackage = packageName;
        Map<String, OptionElement> seen = new HashMap<>();
        for (OptionElement option : file.options()) {
            OptionElement first = seen.putIfAbsent(option.name(), option);
            if (first != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_OPTION,
                        option.location(),
                        "option '" + option.name() + "' is already set at " + first.location());
            } else if (option.name().equals(JAVA_PACKAGE)) {
                javaPackage = javaPackage(option, diagnostics, packageName);
            } else {
                diagnostics.report(
                        DiagnosticCode.UNKNOWN_OPTION,
                        option.location(),
                        "unknown option '" + option.name() + "'",
                        Suggestions.closest(option.name(), KNOWN_OPTIONS)
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("the known options are: " + String.join(", ", KNOWN_OPTIONS)));
            }
        }
        return new FileHeader(file, packageName, javaPackage);
    }

    private static String packageName(FileElement file, Diagnostics diagnostics) {
        List<PackageElement> packages = file.packages();
        if (packages.isEmpty()) {
            diagnostics.report(
                    DiagnosticCode.MISSING_PACKAGE,
                    new SourceLocation(file.path(), 1, 1),
                    "missing package declaration",
                    "start the file with a package, e.g. 'package example.chat;'");
            return "";
        }
        PackageElement declared = packages.get(0);
        for (PackageElement duplicate : packages.subList(1, packages.size())) {
            diagnostics.report(
                    DiagnosticCode.DUPLICATE_PACKAGE,
                    duplicate.location(),
                    "duplicate package declaration: the package is already '" + declared.name() + "' at "
                            + declared.location());
        }
        for (String segment : declared.name().split("\\.")) {
            if (!PACKAGE_SEGMENT.matcher(segment).matches() || JavaNames.isKeyword(segment)) {
                diagnostics.report(
                        DiagnosticCode.INVALID_PACKAGE,
                        declared.location(),
                        "invalid package name '" + declared.name() + "': segment '" + segment + "' "
                                + (JavaNames.isKeyword(segment) ? "is a Java keyword" : "is not lowercase"),
                        "package segments are lowercase letters, digits and '_', and not Java keywords");
                break;
            }
        }
        return declared.name();
    }

    private static String javaPackage(OptionElement option, Diagnostics diagnostics, String fallback) {
        if (option.value() instanceof ConstantElement.StringConstant s) {
            if (isJavaPackage(s.value())) {
                return s.value();
            }
            diagnostics.report(
                    DiagnosticCode.INVALID_JAVA_PACKAGE,
                    option.location(),
                    "java_package '" + s.value() + "' is not a valid Java package name",
                    "segments are Java identifiers that are not keywords, e.g. \"com.acme.chat\"");
        } else {
            diagnostics.report(
                    DiagnosticCode.INVALID_JAVA_PACKAGE,
                    option.location(),
                    "option java_package takes a string",
                    "e.g. option java_package = \"com.acme.chat\";");
        }
        return fallback;
    }

    private static boolean isJavaPackage(String name) {
        for (String segment : name.split("\\.", -1)) {
            if (!JAVA_IDENTIFIER.matcher(segment).matches() || JavaNames.isKeyword(segment)) {
                return false;
            }
        }
        return true;
    }
}
