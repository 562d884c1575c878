package io.quicidl.maven;

import java.io.File;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * Publishes a module's schemas: its schema directory becomes a resource copied to
 * {@code quic/} in the class output, and so into the jar, where {@link DependencySchemas}
 * finds them in the modules that depend on it.
 */
final class SchemaResource {

    private SchemaResource() {}

    /** Adds the resource, once, when {@code directory} exists. */
    static void add(MavenProject project, File directory, Set<String> includes, Set<String> excludes) {
        if (!directory.isDirectory()) {
            return;
        }
        String path = directory.getAbsolutePath();
        boolean present = project.getResources().stream()
                .anyMatch(r -> path.equals(r.getDirectory()) && DependencySchemas.FOLDER.equals(r.getTargetPath()));
        if (present) {
            return;
        }
        Resource resource = new Resource();
        resource.setDirectory(path);
        resource.setTargetPath(DependencySchemas.FOLDER);
        resource.setIncludes(List.of(SchemaSources.includePatterns(includes)));
        resource.setExcludes(List.copyOf(excludes));
        project.addResource(resource);
    }
}
