package io.quicidl.idl.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds schema files by their import path, like protoc's {@code -I} roots. The loader asks
 * only through this interface, so build tools can add roots of their own (for example
 * schema files inside dependency jars).
 */
@FunctionalInterface
public interface SourceProvider {

    /**
     * Returns the file at {@code path} (relative, {@code /}-separated), or empty if this
     * provider does not have it.
     *
     * @throws IOException if the file exists but cannot be read
     */
    Optional<Source> find(String path) throws IOException;

    /** Looks in each directory in order; the first that has the file wins. */
    static SourceProvider directories(List<Path> roots) {
        return new DirectorySourceProvider(roots);
    }

    /** Serves files from memory: a map of path to text. Meant for tests and tools. */
    static SourceProvider inMemory(Map<String, String> files) {
        return new InMemorySourceProvider(files);
    }

    /** Asks each provider in order; the first that has the file wins. */
    static SourceProvider firstOf(List<SourceProvider> providers) {
        List<SourceProvider> copy = List.copyOf(providers);
        return path -> {
            for (SourceProvider provider : copy) {
                Optional<Source> found = provider.find(path);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
