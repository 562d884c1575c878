package io.quicidl.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Small file-tree helpers the goals need. */
final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code directory} and everything below it; nothing happens when it is missing. */
    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }

    /** The regular files below {@code root} whose names end in {@code suffix}, relative and sorted. */
    static List<String> list(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(root.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .toList();
        }
    }
}
