package io.quicidl.services.reflection;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Schema files by import path, and the services they define. {@link #fromClassPath} reads the
 * {@code quic/} folders that the Maven plugin's {@code generate} goal packs into every jar of
 * generated code, so a server's own services are found with no configuration. Immutable.
 */
public final class SchemaCatalog {
    /** The folder of a jar (or class directory) that holds its schemas. */
    public static final String FOLDER = "quic/";

    private static final System.Logger LOG = System.getLogger(SchemaCatalog.class.getName());

    private final Map<String, String> sources;
    private final Map<String, ServiceSchema> services = new TreeMap<>();

    /** A service's model and the schema files that define it: its own file first, then its imports. */
    public record ServiceSchema(Service service, List<String> files) {}

    private SchemaCatalog(Map<String, String> sources) {
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        try {
            // All at once: each file is parsed once.
            index(load(List.copyOf(this.sources.keySet())), this.sources.keySet());
        } catch (SchemaException e) {
            // Some file does not compile: file by file, so that only its own services go without schema.
            this.sources.keySet().forEach(this::indexAlone);
        }
    }

    /** The schemas given as a map of import path ({@code common/money.quic}) to text. */
    public static SchemaCatalog of(Map<String, String> sources) {
        return new SchemaCatalog(sources);
    }

    /** Every {@code quic/**.quic} resource that {@code loader} sees; the first of a path wins, as for classes. */
    public static SchemaCatalog fromClassPath(ClassLoader loader) {
        Map<String, String> found = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(FOLDER);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (Map.Entry<String, String> file : read(root).entrySet()) {
                    found.putIfAbsent(file.getKey(), file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas under " + FOLDER + " of the class path", e);
        }
        return new SchemaCatalog(found);
    }

    /** The text of a schema file, by import path. */
    public Optional<String> source(String path) {
        return Optional.ofNullable(sources.get(path));
    }

    /** The service {@code package.Service}, if a schema of this catalog defines it. */
    public Optional<ServiceSchema> service(String fullName) {
        return Optional.ofNullable(services.get(fullName));
    }

    private Schema load(List<String> paths) throws SchemaException {
        return new SchemaLoader(SourceProvider.inMemory(sources)).load(paths);
    }

    private void indexAlone(String path) {
        try {
            index(load(List.of(path)), List.of(path));
        } catch (SchemaException e) {
            // A broken schema of some dependency must not stop the server: its services go unlisted.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "schema {0} does not compile, its services have no schema: {1}",
                    path,
                    e.getMessage());
        }
    }

    private void index(Schema schema, Collection<String> paths) {
        for (String path : paths) {
            SchemaFile file = schema.file(path).orElseThrow();
            List<String> files = closure(schema, path);
            for (Service service : file.services()) {
                services.putIfAbsent(service.fullName(), new ServiceSchema(service, files));
            }
        }
    }

    /** {@code path} and every file it imports, directly or not, each once. */
    private static List<String> closure(Schema schema, String path) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(path));
        while (!todo.isEmpty()) {
            String next = todo.removeFirst();
            if (seen.add(next)) {
                schema.file(next).ifPresent(f -> todo.addAll(f.imports()));
            }
        }
        return new ArrayList<>(seen);
    }

    private static Map<String, String> read(URL root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("not a directory URL: " + root, e);
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file :
                            walk.filter(p -> p.toString().endsWith(".quic")).toList()) {
                        String path = dir.relativize(file).toString().replace('\\', '/');
                        files.put(path, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
            case "jar" -> {
                URLConnection connection = root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(FOLDER) && name.endsWith(".quic") && !entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(
                                        name.substring(FOLDER.length()),
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
            default -> LOG.log(System.Logger.Level.DEBUG, "schemas under {0} skipped: not a file or jar URL", root);
        }
        return files;
    }
}
