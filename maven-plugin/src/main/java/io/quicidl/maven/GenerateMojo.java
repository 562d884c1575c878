package io.quicidl.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates Java sources from the module's {@code .quic} schemas and adds them to its main
 * sources. The schemas also go into the module's jar under {@code quic/}, so that other
 * modules can import them (see {@code packageSchemas}).
 *
 * <p>Imports resolve against the source directory, then {@code importRoots}, then the
 * {@code quic/} folder of each compile-scope dependency. A second build with the same inputs
 * (schemas, options, plugin version) generates nothing; any change regenerates everything.
 */
@Mojo(
        name = "generate",
        defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class GenerateMojo extends AbstractGenerateMojo {

    /** The directory of the schemas to generate code for. It is also the first import root. */
    @Parameter(property = "quicidl.sourceDirectory", defaultValue = "${project.basedir}/src/main/quic", required = true)
    private File sourceDirectory;

    /**
     * Where the generated Java sources go; added to the project's compile sources. The goal
     * owns this directory: it empties it before each regeneration.
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/quic", required = true)
    private File outputDirectory;

    /**
     * Whether to add the selected schemas of the source directory to the module's resources
     * under {@code quic/}, so its jar carries them and a module depending on it can import
     * them.
     */
    @Parameter(defaultValue = "true")
    private boolean packageSchemas;

    @Inject
    GenerateMojo(BuildContext buildContext) {
        super(buildContext);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        super.execute();
        if (!skip && packageSchemas) {
            SchemaResource.add(project, sourceDirectory, includes, excludes);
        }
    }

    @Override
    File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    List<Path> ownImportRoots() {
        return List.of();
    }

    @Override
    List<String> classpath() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getCompileSourceRoots();
    }

    @Override
    void addSourceRoot(String directory) {
        project.addCompileSourceRoot(directory);
    }
}
