package io.quicidl.maven;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.compat.BreakingChanges;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Fails the build when the module's schemas break peers built from a previous release: the
 * schemas in the {@code quic/} folder of that version's jar (which {@code generate} packs)
 * are compared with those of the source directory, by the rules of {@code quicidl breaking}
 * (docs/LANGUAGE.md §9). Each breaking change is logged as
 * {@code path:line:col: error[QIDL4nn]: message}.
 *
 * <p>Run it in CI: {@code mvn quicidl:breaking -Dquicidl.previousVersion=1.2.0}.
 */
@Mojo(
        name = "breaking",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class BreakingMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    private List<RemoteRepository> remoteRepositories;

    /** The version to compare with, e.g. the last release. Required unless skipped. */
    @Parameter(property = "quicidl.previousVersion")
    private String previousVersion;

    /**
     * The artifact whose jar holds the previous schemas, as {@code groupId:artifactId}.
     * Default: this module's own.
     */
    @Parameter(property = "quicidl.previousArtifact")
    private String previousArtifact;

    /** The directory of the current schemas. */
    @Parameter(property = "quicidl.sourceDirectory", defaultValue = "${project.basedir}/src/main/quic", required = true)
    private File sourceDirectory;

    /** Which schema files of the source directory to compare, as Ant-style patterns; default all. */
    @Parameter
    private Set<String> includes = new LinkedHashSet<>();

    /** Schema files of the source directory to leave out, as Ant-style patterns. */
    @Parameter
    private Set<String> excludes = new LinkedHashSet<>();

    /** Skips the check. */
    @Parameter(property = "quicidl.breaking.skip", defaultValue = "false")
    private boolean skip;

    private final RepositorySystem repositorySystem;
    private final BuildContext buildContext;

    @Inject
    BreakingMojo(RepositorySystem repositorySystem, BuildContext buildContext) {
        this.repositorySystem = repositorySystem;
        this.buildContext = buildContext;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("quicidl:breaking is skipped");
            return;
        }
        if (previousVersion == null || previousVersion.isBlank()) {
            throw new MojoExecutionException(
                    "quicidl:breaking needs the version to compare with: set previousVersion (-Dquicidl.previousVersion=...)");
        }
        String coordinates = previousArtifact != null && !previousArtifact.isBlank()
                ? previousArtifact.strip()
                : project.getGroupId() + ":" + project.getArtifactId();
        if (coordinates.split(":").length != 2) {
            throw new MojoExecutionException(
                    "quicidl:breaking: previousArtifact '" + coordinates + "' is not groupId:artifactId");
        }
        Path work = Path.of(project.getBuild().getDirectory(), "quicidl", "breaking");
        Path source = sourceDirectory.toPath().toAbsolutePath().normalize();
        try {
            Path jar = resolve(coordinates + ":jar:" + previousVersion.strip());
            List<Path> previousRoots = DependencySchemas.importRoots(List.of(jar), work.resolve("previous"));
            if (previousRoots.isEmpty()) {
                throw new MojoExecutionException("quicidl:breaking: " + jar + " has no schemas in its "
                        + DependencySchemas.FOLDER + "/ folder; was it built with packageSchemas?");
            }
            Path previousRoot = previousRoots.get(0);
            List<Path> dependencyRoots = DependencySchemas.importRoots(
                    DependencySchemas.withoutOwnOutputs(
                            project.getCompileClasspathElements(),
                            List.of(new File(project.getBuild().getOutputDirectory()))),
                    work.resolve("dependencies"));
            List<String> files = SchemaSources.scan(buildContext, source.toFile(), includes, excludes);
            List<String> previousFiles = schemaFiles(previousRoot);
            Schema previous = load(previousRoot, dependencyRoots, previousFiles, "the previous version");
            Schema current = load(source, dependencyRoots, files, "the current schemas");
            List<Diagnostic> breaks = BreakingChanges.between(previous, current);
            new DiagnosticReporter(getLog(), buildContext, project.getBasedir().toPath(), List.of(source))
                    .report(breaks, false);
            if (!breaks.isEmpty()) {
                throw new MojoFailureException("quicidl: " + breaks.size() + " breaking change(s) against "
                        + coordinates + ":" + previousVersion + ", listed above");
            }
            getLog().info("No breaking changes against " + coordinates + ":" + previousVersion + " ("
                    + previousFiles.size() + " previous, " + files.size() + " current schemas)");
        } catch (IOException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("quicidl:breaking failed: " + e.getMessage(), e);
        }
    }

    private Path resolve(String coordinates) throws MojoExecutionException {
        try {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), remoteRepositories, null);
            return repositorySystem
                    .resolveArtifact(repositorySession, request)
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            throw new MojoExecutionException(
                    "quicidl:breaking cannot resolve the previous version " + coordinates + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file gone from the current schemas is compared too (its services were removed), so
     * each side loads the files it has.
     */
    private Schema load(Path root, List<Path> dependencyRoots, List<String> files, String what)
            throws MojoFailureException {
        List<Path> roots = new ArrayList<>();
        roots.add(root);
        roots.addAll(dependencyRoots);
        try {
            return new SchemaLoader(SourceProvider.directories(roots)).load(files);
        } catch (SchemaException e) {
            new DiagnosticReporter(getLog(), buildContext, project.getBasedir().toPath(), roots)
                    .report(e.errors(), false);
            throw new MojoFailureException("quicidl:breaking: " + what + " do not compile: "
                    + e.errors().size() + " schema error(s), listed above");
        }
    }

    private static List<String> schemaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".quic"))
                    .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted()
                    .toList();
        }
    }
}
