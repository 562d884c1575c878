package io.quicidl.maven;

import io.quicidl.codegen.CompileRequest;
import io.quicidl.codegen.CompileResult;
import io.quicidl.codegen.GenerationOptions;
import io.quicidl.codegen.QuicidlCompiler;
import io.quicidl.codegen.Roles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * What both goals do: find the schemas, skip the run when nothing changed since the last
 * successful one, otherwise regenerate everything into an emptied output directory through
 * the compiler's one entry point ({@link QuicidlCompiler}), report its diagnostics, and add
 * the output directory to the project's sources.
 *
 * <p>The goals differ only in their directories and class path, which subclasses supply.
 */
abstract class AbstractGenerateMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This goal execution; its id keeps two executions of a goal apart. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    /** This plugin; its version is part of the input digest. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /**
     * More directories to look up imported schemas in, after the source directory and before
     * the dependencies. Schemas found only here are not generated, just imported: their Java
     * classes must come from elsewhere (usually the dependency that publishes them).
     *
     * <p>Dependencies need no entry here: every jar on the goal's class path (compile scope
     * for {@code generate}, test scope for {@code generate-test}) that has a {@code quic/}
     * folder is an import root too, as is such a folder in a reactor module's class output.
     */
    @Parameter
    private List<File> importRoots = new ArrayList<>();

    /**
     * Which schema files of the source directory to generate code for, as Ant-style patterns
     * relative to it. Default: {@code **}{@code /*.quic}. Files left out can still be imported.
     */
    @Parameter
    protected Set<String> includes = new LinkedHashSet<>();

    /**
     * Schema files of the source directory to leave out, as Ant-style patterns relative to it;
     * they win over {@link #includes}. Files left out can still be imported.
     */
    @Parameter
    protected Set<String> excludes = new LinkedHashSet<>();

    /**
     * Which sides of each service to generate: {@code client} (stubs only, for an SDK),
     * {@code server} (service interfaces and bindings only) or {@code both}. Messages, enums
     * and errors are always generated.
     */
    @Parameter(property = "quicidl.roles", defaultValue = "both")
    private String roles;

    /**
     * The Java package of everything generated, in place of each schema's
     * {@code option java_package} or its schema package. Imported schemas keep theirs.
     */
    @Parameter
    private String javaPackage;

    /** Skips the goal: nothing is generated and no source root is added. */
    @Parameter(property = "quicidl.skip", defaultValue = "false")
    protected boolean skip;

    /** Fails the build when the compiler reports a warning (such as an unused import). */
    @Parameter(property = "quicidl.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    private final BuildContext buildContext;

    AbstractGenerateMojo(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    /** The directory of the schemas to generate code for; the first import root. */
    abstract File sourceDirectory();

    /** The directory of the generated Java sources. */
    abstract File outputDirectory();

    /** Import roots of this goal, after the source directory and before {@link #importRoots}. */
    abstract List<Path> ownImportRoots();

    /** The class path whose jars and directories may hold schemas in a {@code quic/} folder. */
    abstract List<String> classpath() throws DependencyResolutionRequiredException;

    /** Adds the output directory to the project's compile or test-compile sources. */
    abstract void addSourceRoot(String directory);

    /** The project's source roots of this goal's kind (main or test), as they stand. */
    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution.getGoal();
        if (skip) {
            getLog().info("quicidl:" + goal + " is skipped");
            return;
        }
        GenerationOptions options = options();
        Path source = sourceDirectory().toPath().toAbsolutePath().normalize();
        Path output = outputDirectory().toPath().toAbsolutePath().normalize();
        Path work = Path.of(project.getBuild().getDirectory(), "quicidl", goal + "-" + mojoExecution.getExecutionId());
        DigestFile lastRun = new DigestFile(work.resolve("inputs.sha256"));
        checkOutputDirectory(source, output);
        try {
            List<String> files = SchemaSources.scan(buildContext, source.toFile(), includes, excludes);
            if (files.isEmpty()) {
                getLog().info("No schemas in " + source + "; nothing to generate");
                lastRun.delete();
                FileTrees.delete(output);
                return;
            }
            List<Path> roots = importRoots(source, work);
            String digest = InputDigest.of(settings(goal, options, output), GeneratorCode.locations(), files, roots);
            if (lastRun.matches(digest, output)) {
                getLog().info("Generated sources are up to date (" + schemas(files.size()) + " in " + source + ")");
            } else {
                lastRun.delete();
                FileTrees.delete(output);
                generate(new CompileRequest(roots, files, output, options));
                lastRun.write(digest);
                buildContext.refresh(output.toFile());
            }
        } catch (IOException | UncheckedIOException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("quicidl:" + goal + " failed: " + e.getMessage(), e);
        }
        addSourceRoot(output.toString());
    }

    private void checkOutputDirectory(Path source, Path output) throws MojoExecutionException {
        List<Path> protectedDirectories = new ArrayList<>();
        protectedDirectories.add(project.getBasedir().toPath());
        protectedDirectories.add(source);
        sourceRoots().stream()
                .map(Path::of)
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> !p.equals(output))
                .forEach(protectedDirectories::add);
        Optional<String> problem = OutputDirectoryGuard.problem(output, protectedDirectories);
        if (problem.isPresent()) {
            throw new MojoExecutionException("quicidl: " + problem.get());
        }
    }

    private void generate(CompileRequest request) throws MojoFailureException {
        DiagnosticReporter reporter = new DiagnosticReporter(
                getLog(), buildContext, project.getBasedir().toPath(), request.importRoots());
        Path source = request.importRoots().get(0);
        reporter.clear(request.sourceFiles().stream().map(source::resolve).toList());
        CompileResult result = QuicidlCompiler.compile(request);
        reporter.report(result.diagnostics(), failOnWarnings);
        if (!result.success()) {
            throw new MojoFailureException(failure(result.errors().size() + " schema error(s)"));
        }
        if (failOnWarnings && !result.warnings().isEmpty()) {
            throw new MojoFailureException(
                    failure(result.warnings().size() + " schema warning(s) and failOnWarnings is set"));
        }
        getLog().info("Generated " + result.writtenFiles().size() + " Java files from "
                + schemas(request.sourceFiles().size()) + " into " + request.outputDirectory());
    }

    /** The failure names the count only: the reporter has logged each diagnostic, once. */
    private static String failure(String summary) {
        return "quicidl: " + summary + ", listed above";
    }

    private static String schemas(int count) {
        return count + (count == 1 ? " schema" : " schemas");
    }

    /** The source directory, this goal's own roots, the configured ones, then the dependencies'. */
    private List<Path> importRoots(Path source, Path work) throws IOException, DependencyResolutionRequiredException {
        List<Path> roots = new ArrayList<>();
        roots.add(source);
        roots.addAll(ownImportRoots());
        importRoots.forEach(root -> roots.add(root.toPath().toAbsolutePath().normalize()));
        List<File> ownOutputs = List.of(
                new File(project.getBuild().getOutputDirectory()),
                new File(project.getBuild().getTestOutputDirectory()));
        roots.addAll(DependencySchemas.importRoots(
                DependencySchemas.withoutOwnOutputs(classpath(), ownOutputs), work.resolve("dependencies")));
        return roots;
    }

    private GenerationOptions options() throws MojoExecutionException {
        Roles parsedRoles;
        try {
            parsedRoles = Roles.parse(roles);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("quicidl: " + e.getMessage(), e);
        }
        Optional<String> packageOverride =
                Optional.ofNullable(javaPackage).map(String::strip).filter(p -> !p.isEmpty());
        if (packageOverride.isPresent() && !SourceVersion.isName(packageOverride.get())) {
            throw new MojoExecutionException(
                    "quicidl: javaPackage '" + packageOverride.get() + "' is not a valid Java package name");
        }
        return new GenerationOptions(parsedRoles, packageOverride);
    }

    /** Everything besides the schemas that changes the output or the outcome of a run. */
    private Map<String, String> settings(String goal, GenerationOptions options, Path output) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("plugin", plugin.getId());
        settings.put("goal", goal);
        settings.put("output", output.toString());
        settings.put("roles", options.roles().toString());
        settings.put("javaPackage", options.javaPackage().orElse(""));
        settings.put("failOnWarnings", Boolean.toString(failOnWarnings));
        return settings;
    }
}
