package io.quicidl.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Import roots from the class path: the {@code quic/} folder of every dependency that has
 * one, so a team can publish its schemas as an ordinary jar (the {@code generate} goal packs
 * a module's own schemas there).
 *
 * <p>The code generator reads import roots from directories only, so the schemas of a jar
 * are copied out into a folder of their own below {@code extractDirectory}; a dependency
 * that is a directory (a reactor module not yet packaged) is used in place.
 */
final class DependencySchemas {

    /** The folder inside a jar (or class output directory) that holds its schemas. */
    static final String FOLDER = "quic";

    private DependencySchemas() {}

    /**
     * Returns one import root per class path element that holds schemas, in class path order.
     *
     * @param classpath the class path elements (jars and directories) to look in
     * @param extractDirectory emptied first, then filled with one folder per jar with schemas
     */
    static List<Path> importRoots(List<Path> classpath, Path extractDirectory) throws IOException {
        FileTrees.delete(extractDirectory);
        List<Path> roots = new ArrayList<>();
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                Path folder = element.resolve(FOLDER);
                if (Files.isDirectory(folder)) {
                    roots.add(folder);
                }
            } else if (Files.isRegularFile(element)
                    && element.getFileName().toString().endsWith(".jar")) {
                String jarName = element.getFileName().toString();
                Path target = extractDirectory.resolve(roots.size() + "-" + jarName.substring(0, jarName.length() - 4));
                if (extract(element, target)) {
                    roots.add(target);
                }
            }
        }
        return roots;
    }

    /** Copies the {@code .quic} files below the jar's {@code quic/} folder; false when it has none. */
    private static boolean extract(Path jar, Path target) throws IOException {
        boolean found = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(FOLDER + "/") || !name.endsWith(".quic")) {
                    continue;
                }
                Path file = target.resolve(name.substring(FOLDER.length() + 1)).normalize();
                // An entry named with ".." must not land outside its folder.
                if (!file.startsWith(target)) {
                    throw new IOException("schema entry '" + name + "' of " + jar + " points outside its folder");
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                found = true;
            }
        }
        return found;
    }

    /** The class path elements of {@code elements} other than the module's own outputs. */
    static List<Path> withoutOwnOutputs(List<String> elements, List<File> ownOutputs) {
        List<Path> own = ownOutputs.stream()
                .map(f -> f.toPath().toAbsolutePath().normalize())
                .toList();
        return elements.stream()
                .map(e -> Path.of(e).toAbsolutePath().normalize())
                .filter(p -> !own.contains(p))
                .toList();
    }
}
