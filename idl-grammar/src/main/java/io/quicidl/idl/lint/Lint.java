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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code quicidl lint}: style findings about the requested files of a schema that compiles.
 * The rules ({@link LintRules}) and the compiler's own warnings (unused and duplicate
 * imports) are reported, less those silenced: a code given as disabled, or a comment
 * {@code // quicidl:lint-ignore QIDL505} on the line of the finding or on the comment and
 * annotation lines right above it (several codes separated by commas or spaces).
 */
public final class Lint {

    /** The comment that silences findings; the codes follow it. */
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
            Optional<Source> source = sources.find(file.path());
            Map<Integer, Set<String>> directives = source.isPresent() ? directives(source.get()) : Map.of();
            List<String> lines = source.map(s -> s.text().lines().toList()).orElse(List.of());
            for (Diagnostic d : all) {
                if (!disabled.contains(d.code()) && !ignored(d, directives, lines)) {
                    findings.add(d);
                }
            }
        }
        return findings;
    }

    /** The codes a directive silences, by the line the directive is on. */
    private static Map<Integer, Set<String>> directives(Source source) throws SchemaException {
        Map<Integer, Set<String>> byLine = new HashMap<>();
        for (SchemaParser.Comment comment : SchemaParser.comments(source)) {
            Matcher directive = IGNORE.matcher(comment.text());
            if (directive.find()) {
                Set<String> codes = byLine.computeIfAbsent(comment.location().line(), l -> new HashSet<>());
                Arrays.stream(directive.group(1).split("[, ]+"))
                        .filter(c -> !c.isEmpty())
                        .forEach(codes::add);
            }
        }
        return byLine;
    }

    /**
     * Whether a directive on the finding's line, or on the comment and annotation lines
     * right above it (an rpc is reported at its {@code rpc} keyword), names its code.
     */
    private static boolean ignored(Diagnostic finding, Map<Integer, Set<String>> directives, List<String> lines) {
        for (int line = finding.location().line(); line >= 1; line--) {
            if (line < finding.location().line()) {
                String text = line <= lines.size() ? lines.get(line - 1).strip() : "";
                if (!text.startsWith("//") && !text.startsWith("@")) {
                    return false;
                }
            }
            if (directives.getOrDefault(line, Set.of()).contains(finding.code().id())) {
                return true;
            }
        }
        return false;
    }
}
