package io.quicidl.codegen.cli;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.parser.SchemaFormatter;
import io.quicidl.idl.source.Source;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code quicidl fmt [--check] <file.quic or dir>...}: the canonical layout (LANGUAGE.md §11). */
final class FormatCommand {

    static final String USAGE = """
            usage: quicidl fmt [--check] <file.quic or dir>...

            Rewrites schemas in the canonical layout, keeping every comment; a directory means
            every .quic file below it. With --check nothing is written: the files that are not
            formatted are listed, and the exit status is 1 if there are any. Exit status: 0
            formatted, 1 unformatted files (--check) or a syntax error, 2 usage error.
            """;

    private FormatCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean check = false;
        List<Path> files = new ArrayList<>();
        try {
            for (String arg : args) {
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return QuicidlMain.OK;
                    }
                    case "--check" -> check = true;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        files.addAll(schemaFiles(Path.of(arg)));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no schema files given");
            }
        } catch (IllegalArgumentException e) {
            return QuicidlMain.usageError("fmt: " + e.getMessage(), USAGE, err);
        }
        boolean failed = false;
        for (Path file : files) {
            String name = file.toString().replace('\\', '/');
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String formatted = SchemaFormatter.format(new Source(name, file.toString(), text));
                if (formatted.equals(text)) {
                    continue;
                }
                if (check) {
                    out.println(name);
                    failed = true;
                } else {
                    Files.writeString(file, formatted, StandardCharsets.UTF_8);
                }
            } catch (SchemaException e) {
                e.diagnostics().forEach(d -> err.println(d.format()));
                failed = true;
            } catch (IOException e) {
                err.println("quicidl: cannot read or write '" + name + "': " + e.getMessage());
                failed = true;
            }
        }
        return failed ? QuicidlMain.SCHEMA_ERROR : QuicidlMain.OK;
    }

    private static List<Path> schemaFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no such file or directory '" + path + "'");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".quic"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list '" + path + "': " + e.getMessage());
        }
    }
}
