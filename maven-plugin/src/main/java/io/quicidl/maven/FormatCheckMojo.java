package io.quicidl.maven;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.parser.SchemaFormatter;
import io.quicidl.idl.source.Source;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Fails the build when a schema is not in the canonical layout of {@code quicidl fmt}
 * (docs/LANGUAGE.md §11), listing the files; {@code quicidl fmt <dir>} fixes them. Changes
 * nothing.
 */
@Mojo(name = "fmt-check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class FormatCheckMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The directories whose {@code .quic} files are checked; missing ones are passed over. */
    @Parameter
    private List<File> schemaDirectories =
            new ArrayList<>(List.of(new File("src/main/quic"), new File("src/test/quic")));

    /** Skips the check. */
    @Parameter(property = "quicidl.fmt.skip", defaultValue = "false")
    private boolean skip;

    private final BuildContext buildContext;

    @Inject
    FormatCheckMojo(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("quicidl:fmt-check is skipped");
            return;
        }
        Path base = project.getBasedir().toPath();
        List<String> unformatted = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (File configured : schemaDirectories) {
            Path directory = base.resolve(configured.toPath());
            for (String path : SchemaSources.scan(buildContext, directory.toFile(), Set.of(), Set.of())) {
                Path file = directory.resolve(path);
                String shown =
                        base.relativize(file.toAbsolutePath().normalize()).toString();
                checked++;
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (!SchemaFormatter.format(new Source(shown, file.toString(), text))
                            .equals(text)) {
                        unformatted.add(shown);
                    }
                } catch (SchemaException e) {
                    e.diagnostics().forEach(d -> errors.add(d.format()));
                } catch (IOException e) {
                    throw new MojoExecutionException(
                            "quicidl:fmt-check cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        errors.forEach(getLog()::error);
        unformatted.forEach(f -> getLog().error(f + ": not in the canonical layout"));
        if (!errors.isEmpty()) {
            throw new MojoFailureException(
                    "quicidl: " + errors.size() + " syntax error(s), listed above, keep schemas from being checked");
        }
        if (!unformatted.isEmpty()) {
            throw new MojoFailureException("quicidl: " + unformatted.size()
                    + " schema(s) not in the canonical layout, listed above; run 'quicidl fmt' on them");
        }
        getLog().info(checked + " schema(s) in the canonical layout");
    }
}
