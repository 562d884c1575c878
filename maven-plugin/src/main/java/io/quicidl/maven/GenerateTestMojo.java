package io.quicidl.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates Java sources from the module's test schemas and adds them to its test sources.
 * Test schemas can import the main schemas; those are not generated again, their classes
 * come from the main sources.
 *
 * <p>Imports resolve against the test source directory, then the main one, then
 * {@code importRoots}, then the {@code quic/} folder of each test-scope dependency.
 */
@Mojo(
        name = "generate-test",
        defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public final class GenerateTestMojo extends AbstractGenerateMojo {

    /** The directory of the test schemas to generate code for. It is also the first import root. */
    @Parameter(
            property = "quicidl.testSourceDirectory",
            defaultValue = "${project.basedir}/src/test/quic",
            required = true)
    private File sourceDirectory;

    /** The main schemas, importable from the test schemas (the second import root). */
    @Parameter(defaultValue = "${project.basedir}/src/main/quic", required = true)
    private File mainSourceDirectory;

    /**
     * Where the generated Java sources go; added to the project's test sources. The goal owns
     * this directory: it empties it before each regeneration.
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-test-sources/quic", required = true)
    private File outputDirectory;

    @Inject
    GenerateTestMojo(BuildContext buildContext) {
        super(buildContext);
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
        return List.of(mainSourceDirectory.toPath().toAbsolutePath().normalize());
    }

    @Override
    List<String> classpath() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getTestCompileSourceRoots();
    }

    @Override
    void addSourceRoot(String directory) {
        project.addTestCompileSourceRoot(directory);
    }
}
