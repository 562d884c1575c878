package io.quicidl.idl.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds schema files under an ordered list of directories. */
final class DirectorySourceProvider implements SourceProvider {

    private final List<Path> roots;

    DirectorySourceProvider(List<Path> roots) {
        this.roots =
                roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    @Override
    public Optional<Source> find(String path) throws IOException {
        for (Path root : roots) {
            Path file;
            try {
                file = root.resolve(path).normalize();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            // An import must not climb out of its root with "..".
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                return Optional.of(new Source(path, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return Optional.empty();
    }
}
