package io.quicidl.codegen.cli;

import io.quicidl.codegen.CompileRequest;
import io.quicidl.codegen.CompileResult;
import io.quicidl.codegen.GenerationOptions;
import io.quicidl.codegen.QuicidlCompiler;
import io.quicidl.codegen.Roles;
import io.quicidl.idl.diagnostic.Diagnostic;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.SourceVersion;

/**
 * The {@code quicidl} command: {@code java -jar quicidl.jar -I <root>... -o <dir> <file.quic>...}
 * compiles; a first argument {@code breaking}, {@code fmt} or {@code lint} runs that tool
 * instead. Exit status 0 on success, 1 when a schema has errors (printed to stderr, nothing
 * written), 2 on a usage error.
 */
public final class QuicidlMain {

    static final int OK = 0;
    static final int SCHEMA_ERROR = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            usage: quicidl [options] -o <out-dir> <file.quic>...
                   quicidl breaking --against <old-root> [-I <new-root>]... <file.quic>...
                   quicidl fmt [--check] <file.quic or dir>...
                   quicidl lint [-I <root>]... [--disable <codes>] <file.quic>...

            Compiles .quic schemas into Java sources. The other commands check schemas:
              breaking   changes that break peers built from a previous version
              fmt        rewrite in the canonical layout, or list unformatted files (--check)
              lint       naming, doc comments and other style findings
            'quicidl <command> --help' describes each.

            options:
              -I, --import-root <dir>   where schema files and their imports are found; repeat for
                                        several roots, searched in order (default: .)
              -o, --out <dir>           the directory the Java sources are written to
              --roles client|server|both
                                        the service code to generate (default: both); messages,
                                        enums and errors are always generated
              --java-package <name>     the Java package of the generated code, in place of the
                                        schemas' java_package option or package
              --help                    print this text
              --version                 print the version

            Schema files are named relative to an import root, like imports; a path to a file
            inside an import root also works.
            """;

    private QuicidlMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "breaking" -> {
                    return BreakingCommand.run(rest, out, err);
                }
                case "fmt" -> {
                    return FormatCommand.run(rest, out, err);
                }
                case "lint" -> {
                    return LintCommand.run(rest, out, err);
                }
                default -> {}
            }
        }
        List<Path> roots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Path output = null;
        GenerationOptions options = GenerationOptions.DEFAULT;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return OK;
                    }
                    case "--version" -> {
                        out.println("quicidl " + version());
                        return OK;
                    }
                    case "-I", "--import-root" -> roots.add(Path.of(value(args, ++i, arg)));
                    case "-o", "--out" -> output = Path.of(value(args, ++i, arg));
                    case "--roles" -> options = options.withRoles(Roles.parse(value(args, ++i, arg)));
                    case "--java-package" -> options = options.withJavaPackage(javaPackage(value(args, ++i, arg)));
                    default -> rootOrFile(arg, roots, files);
                }
            }
            if (output == null) {
                throw new IllegalArgumentException("no output directory: give -o <out-dir>");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no schema files given");
            }
        } catch (IllegalArgumentException e) { // InvalidPathException is one
            return usageError(e.getMessage(), USAGE, err);
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("."));
        }
        List<String> schemaPaths = files.stream().map(f -> importPath(roots, f)).toList();
        CompileResult result;
        try {
            result = QuicidlCompiler.compile(new CompileRequest(roots, schemaPaths, output, options));
        } catch (UncheckedIOException e) {
            err.println("quicidl: " + e.getMessage() + ": " + e.getCause().getMessage());
            return SCHEMA_ERROR;
        }
        for (Diagnostic diagnostic : result.diagnostics()) {
            err.println(diagnostic.format());
        }
        return result.success() ? OK : SCHEMA_ERROR;
    }

    /** Prints the problem and the usage text; returns {@link #USAGE_ERROR}. */
    static int usageError(String problem, String usage, PrintStream err) {
        err.println("quicidl: " + problem);
        err.print(usage);
        return USAGE_ERROR;
    }

    /** An {@code -I<dir>} import root, or else a schema file; any other option is unknown. */
    static void rootOrFile(String arg, List<Path> roots, List<String> files) {
        if (arg.startsWith("-I") && arg.length() > 2) {
            roots.add(Path.of(arg.substring(2)));
        } else if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + arg + "'");
        } else {
            files.add(arg);
        }
    }

    static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String javaPackage(String name) {
        if (!SourceVersion.isName(name)) {
            throw new IllegalArgumentException("--java-package '" + name + "' is not a Java package name");
        }
        return name;
    }

    /** A file on disk inside an import root is named relative to it; anything else as given. */
    static String importPath(List<Path> roots, String file) {
        Path path = Path.of(file);
        if (Files.isRegularFile(path)) {
            Path absolute = path.toAbsolutePath().normalize();
            for (Path root : roots) {
                Path base = root.toAbsolutePath().normalize();
                if (absolute.startsWith(base)) {
                    return base.relativize(absolute).toString().replace('\\', '/');
                }
            }
        }
        return file.replace('\\', '/');
    }

    private static String version() {
        String version = QuicidlMain.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }
}
