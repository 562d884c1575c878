package io.quicidl.idl.lint;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.parser.SchemaParser;
import io.quicidl.idl.source.Source;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code quicidl lint}: style findings about the requested files of a schema that compiles.
 * The rules ({@link LintRules}) and the compiler's own warnings (unused and duplicate
 * imports) are reported, less those silenced: a code given as disabled, or a comment
 * {@code // quicidl:lint-ignore QIDL505} on the line of the finding or the line above it
 * (several codes separated by commas or spaces).
 */
public final class Lint {

    /** The comment that silences findings on its own line and the next one. */
    public static final String IGNORE_DIRECTIVE = "quicidl:lint-ignore";

    private static final Pattern IGNORE = Pattern.compile(Pattern.quote(IGNORE_DIRECTIVE) + "\\s+([A-Z0-9, ]+)");

    private Lint() {}

    /**
     * The findings for {@code schema}'s requested files, in file order.
     *
     * @param sources where the schema was loaded from, read again for ignore comments
     * @param disabled codes not to report
     */
    public static List<Diagnostic> check(Schema schema, SourceProvider sources, Set<DiagnosticCode> disabled)
            throws IOException, SchemaException {
        List<Diagnostic> findings = new ArrayList<>();
        for (SchemaFile file : schema.requestedFiles()) {
            List<Diagnostic> all = new ArrayList<>();
            schema.warnings().stream()
                    .filter(w -> w.location().path().equals(file.path()))
                    .forEach(all::add);
            all.addAll(LintRules.check(file));
            Set<String> ignored = ignoredLines(sources.find(file.path()));
            for (Diagnostic d : all) {
                if (!disabled.contains(d.code())
                        && !ignored.contains(d.location().line() + " " + d.code().id())) {
                    findings.add(d);
                }
            }
        }
        return findings;
    }

    /** "line code" for every line a directive silences a code on. */
    private static Set<String> ignoredLines(Optional<Source> source) throws SchemaException {
        Set<String> ignored = new HashSet<>();
        if (source.isEmpty()) {
            return ignored;
        }
        for (SchemaParser.Comment comment : SchemaParser.comments(source.get())) {
            Matcher directive = IGNORE.matcher(comment.text());
            if (!directive.find()) {
                continue;
            }
            int line = comment.location().line();
            for (String code : directive.group(1).split("[, ]+")) {
                if (!code.isEmpty()) {
                    ignored.add(line + " " + code);
                    ignored.add((line + 1) + " " + code);
                }
            }
        }
        return ignored;
    }
}
