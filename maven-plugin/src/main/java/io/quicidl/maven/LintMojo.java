package io.quicidl.maven;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.lint.Lint;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Runs the rules of {@code quicidl lint} (docs/LANGUAGE.md §10) over the module's schemas and
 * fails the build on a finding; a comment {@code // quicidl:lint-ignore CODE} on a finding's
 * line silences it, {@code disabledCodes} a whole rule.
 */
@Mojo(
        name = "lint",
        defaultPhase = LifecyclePhase.VALIDATE,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class LintMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The directory of the schemas to check. */
    @Parameter(property = "quicidl.sourceDirectory", defaultValue = "${project.basedir}/src/main/quic", required = true)
    private File sourceDirectory;

    /** Which schema files of the source directory to check, as Ant-style patterns; default all. */
    @Parameter
    private Set<String> includes = new LinkedHashSet<>();

    /** Schema files of the source directory to leave out, as Ant-style patterns. */
    @Parameter
    private Set<String> excludes = new LinkedHashSet<>();

    /** Codes not to report, e.g. {@code QIDL506}. */
    @Parameter(property = "quicidl.lint.disabledCodes")
    private List<String> disabledCodes = new ArrayList<>();

    /** Whether a finding fails the build; when false, findings are only logged as warnings. */
    @Parameter(property = "quicidl.lint.failOnFindings", defaultValue = "true")
    private boolean failOnFindings;

    /** Skips the check. */
    @Parameter(property = "quicidl.lint.skip", defaultValue = "false")
    private boolean skip;

    private final BuildContext buildContext;

    @Inject
    LintMojo(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("quicidl:lint is skipped");
            return;
        }
        Set<DiagnosticCode> disabled = disabled();
        Path source = sourceDirectory.toPath().toAbsolutePath().normalize();
        Path work = Path.of(project.getBuild().getDirectory(), "quicidl", "lint");
        try {
            List<String> files = SchemaSources.scan(buildContext, source.toFile(), includes, excludes);
            if (files.isEmpty()) {
                getLog().info("No schemas in " + source + "; nothing to lint");
                return;
            }
            List<Path> roots = new ArrayList<>();
            roots.add(source);
            roots.addAll(DependencySchemas.importRoots(
                    DependencySchemas.withoutOwnOutputs(
                            project.getCompileClasspathElements(),
                            List.of(new File(project.getBuild().getOutputDirectory()))),
                    work.resolve("dependencies")));
            DiagnosticReporter reporter = new DiagnosticReporter(
                    getLog(), buildContext, project.getBasedir().toPath(), roots);
            SourceProvider sources = SourceProvider.directories(roots);
            List<Diagnostic> findings;
            try {
                Schema schema = new SchemaLoader(sources).load(files);
                findings = Lint.check(schema, sources, disabled);
            } catch (SchemaException e) {
                reporter.report(e.errors(), false);
                throw new MojoFailureException("quicidl:lint: " + e.errors().size() + " schema error(s), listed above");
            }
            reporter.report(findings, failOnFindings);
            if (!findings.isEmpty() && failOnFindings) {
                throw new MojoFailureException("quicidl: " + findings.size() + " lint finding(s), listed above");
            }
            getLog().info("Linted " + files.size() + " schema(s): " + findings.size() + " finding(s)");
        } catch (IOException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("quicidl:lint failed: " + e.getMessage(), e);
        }
    }

    private Set<DiagnosticCode> disabled() throws MojoExecutionException {
        Set<DiagnosticCode> codes = EnumSet.noneOf(DiagnosticCode.class);
        for (String id : disabledCodes) {
            String trimmed = id.strip();
            codes.add(Arrays.stream(DiagnosticCode.values())
                    .filter(c -> c.id().equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new MojoExecutionException(
                            "quicidl:lint: disabledCodes names an unknown code '" + trimmed + "'")));
        }
        return codes;
    }
}
