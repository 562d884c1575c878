package io.quicidl.idl.source;

import java.util.Map;
import java.util.Optional;

/** Serves schema files from a map of path to text. */
final class InMemorySourceProvider implements SourceProvider {

    private final Map<String, String> files;

    InMemorySourceProvider(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public Optional<Source> find(String path) {
        return Optional.ofNullable(files.get(path)).map(text -> new Source(path, "memory:" + path, text));
    }
}
