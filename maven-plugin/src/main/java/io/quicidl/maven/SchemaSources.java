package io.quicidl.maven;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.codehaus.plexus.util.Scanner;
import org.sonatype.plexus.build.incremental.BuildContext;

/** Finds the schema files of a source directory that the includes and excludes select. */
final class SchemaSources {

    /** What {@code includes} means when it is left empty. */
    private static final String DEFAULT_INCLUDE = "**/*.quic";

    private SchemaSources() {}

    /**
     * Scans {@code directory} through the build context, so an IDE sees which files were read.
     *
     * @return the selected files relative to {@code directory}, {@code /}-separated and sorted
     *     (the order of the compile request and of the digest); empty when the directory is missing
     */
    static List<String> scan(BuildContext buildContext, File directory, Set<String> includes, Set<String> excludes) {
        if (!directory.isDirectory()) {
            return List.of();
        }
        Scanner scanner = buildContext.newScanner(directory, true);
        scanner.setIncludes(includePatterns(includes));
        scanner.setExcludes(excludes.toArray(String[]::new));
        scanner.addDefaultExcludes();
        scanner.scan();
        return Arrays.stream(scanner.getIncludedFiles())
                .map(path -> path.replace(File.separatorChar, '/'))
                .sorted()
                .toList();
    }

    /** The include patterns in force: the configured ones, or {@link #DEFAULT_INCLUDE}. */
    static String[] includePatterns(Set<String> includes) {
        return includes.isEmpty() ? new String[] {DEFAULT_INCLUDE} : includes.toArray(String[]::new);
    }
}
