package io.quicidl.codegen.cli;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.lint.Lint;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code quicidl lint [-I <root>]... [--disable CODES] <file.quic>...} (LANGUAGE.md §10). */
final class LintCommand {

    static final String USAGE = """
            usage: quicidl lint [-I <root>]... [--disable <codes>] <file.quic>...

            Reports style findings in the given schemas: naming, doc comments on services and
            rpcs, unused imports, enum zero values, @idempotent where it has no effect. A
            comment '// quicidl:lint-ignore CODE' on a finding's line silences it. Exit status:
            0 clean, 1 findings or a schema error, 2 usage error.

            options:
              -I, --import-root <dir>   where schema files and their imports are found (default .)
              --disable <codes>         codes not to report, comma-separated: QIDL505,QIDL506
            """;

    private LintCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> roots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Set<DiagnosticCode> disabled = EnumSet.noneOf(DiagnosticCode.class);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return QuicidlMain.OK;
                    }
                    case "-I", "--import-root" -> roots.add(Path.of(QuicidlMain.value(args, ++i, arg)));
                    case "--disable" -> disabled.addAll(codes(QuicidlMain.value(args, ++i, arg)));
                    default -> QuicidlMain.rootOrFile(arg, roots, files);
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no schema files given");
            }
        } catch (IllegalArgumentException e) {
            return QuicidlMain.usageError("lint: " + e.getMessage(), USAGE, err);
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("."));
        }
        List<String> paths =
                files.stream().map(f -> QuicidlMain.importPath(roots, f)).toList();
        SourceProvider sources = SourceProvider.directories(roots);
        List<Diagnostic> findings;
        try {
            Schema schema = new SchemaLoader(sources).load(paths);
            findings = Lint.check(schema, sources, disabled);
        } catch (SchemaException e) {
            e.diagnostics().forEach(d -> err.println(d.format()));
            return QuicidlMain.SCHEMA_ERROR;
        } catch (IOException e) {
            err.println("quicidl: " + e.getMessage());
            return QuicidlMain.SCHEMA_ERROR;
        }
        findings.forEach(d -> err.println(d.format()));
        return findings.isEmpty() ? QuicidlMain.OK : QuicidlMain.SCHEMA_ERROR;
    }

    private static List<DiagnosticCode> codes(String list) {
        List<DiagnosticCode> codes = new ArrayList<>();
        for (String id : list.split(",")) {
            String trimmed = id.trim();
            codes.add(Arrays.stream(DiagnosticCode.values())
                    .filter(c -> c.id().equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--disable: unknown code '" + trimmed + "'")));
        }
        return codes;
    }
}
