package io.quicidl.idl.model;

import java.util.List;

/**
 * One schema file after linking.
 *
 * @param path relative to its import root, as imports name it
 * @param javaPackage the {@code java_package} option, or else the schema package
 * @param imports the paths it imports, in order
 * @param types its top-level types in declaration order (nested ones are inside messages)
 * @param requested true if the file was passed to the loader, false if it was only reached
 *     through imports; code generators usually emit code for requested files only
 */
public record SchemaFile(
        String path,
        String packageName,
        String javaPackage,
        List<String> imports,
        List<NamedType> types,
        List<Service> services,
        boolean requested) {

    public SchemaFile {
        imports = List.copyOf(imports);
        types = List.copyOf(types);
        services = List.copyOf(services);
    }
}
