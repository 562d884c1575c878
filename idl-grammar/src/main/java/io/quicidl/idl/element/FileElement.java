package io.quicidl.idl.element;

import java.util.List;

/**
 * One parsed {@code .quic} file, exactly as written: nothing is resolved or checked yet,
 * so a file may declare no package or two of them.
 */
public record FileElement(
        String path,
        List<PackageElement> packages,
        List<OptionElement> options,
        List<ImportElement> imports,
        List<TypeElement> types,
        List<ServiceElement> services) {

    public FileElement {
        packages = List.copyOf(packages);
        options = List.copyOf(options);
        imports = List.copyOf(imports);
        types = List.copyOf(types);
        services = List.copyOf(services);
    }
}
