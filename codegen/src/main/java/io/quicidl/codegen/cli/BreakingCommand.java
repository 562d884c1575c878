package io.quicidl.codegen.cli;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.compat.BreakingChanges;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code quicidl breaking --against <old-root> -I <new-root> <file.quic>...}: the breaking
 * changes from the schemas under the old root to those under the new one (LANGUAGE.md §9).
 */
final class BreakingCommand {

    static final String USAGE = """
            usage: quicidl breaking --against <old-root> [-I <new-root>]... <file.quic>...

            Reports every change from the previous version of the schemas (under <old-root>) to
            the current one (under the -I roots, default .) that breaks peers built from the
            previous version. Exit status: 0 compatible, 1 breaking (one diagnostic per change)
            or a schema error, 2 usage error.

            options:
              --against <dir>           import root of the previous version; repeat for several
              -I, --import-root <dir>   import root of the current version; repeat for several
            """;

    private BreakingCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> oldRoots = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return QuicidlMain.OK;
                    }
                    case "--against" -> oldRoots.add(Path.of(QuicidlMain.value(args, ++i, arg)));
                    case "-I", "--import-root" -> roots.add(Path.of(QuicidlMain.value(args, ++i, arg)));
                    default -> QuicidlMain.rootOrFile(arg, roots, files);
                }
            }
            if (oldRoots.isEmpty()) {
                throw new IllegalArgumentException("no previous version: give --against <old-root>");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no schema files given");
            }
        } catch (IllegalArgumentException e) {
            return QuicidlMain.usageError("breaking: " + e.getMessage(), USAGE, err);
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("."));
        }
        List<String> paths =
                files.stream().map(f -> QuicidlMain.importPath(roots, f)).toList();
        SourceProvider oldSources = SourceProvider.directories(oldRoots);
        List<String> oldPaths = new ArrayList<>();
        try {
            for (String path : paths) {
                // A file the previous version did not have is all new, so nothing in it can break.
                if (oldSources.find(path).isPresent()) {
                    oldPaths.add(path);
                }
            }
        } catch (IOException e) {
            err.println("quicidl: cannot read the previous version: " + e.getMessage());
            return QuicidlMain.SCHEMA_ERROR;
        }
        Schema previous;
        Schema current;
        try {
            previous = new SchemaLoader(oldSources).load(oldPaths);
        } catch (SchemaException e) {
            err.println("quicidl: the previous version (under " + oldRoots + ") does not compile:");
            e.errors().forEach(d -> err.println(d.format()));
            return QuicidlMain.SCHEMA_ERROR;
        }
        try {
            current = SchemaLoader.load(roots, paths);
        } catch (SchemaException e) {
            e.errors().forEach(d -> err.println(d.format()));
            return QuicidlMain.SCHEMA_ERROR;
        }
        List<Diagnostic> breaks = BreakingChanges.between(previous, current);
        breaks.forEach(d -> err.println(d.format()));
        return breaks.isEmpty() ? QuicidlMain.OK : QuicidlMain.SCHEMA_ERROR;
    }
}
