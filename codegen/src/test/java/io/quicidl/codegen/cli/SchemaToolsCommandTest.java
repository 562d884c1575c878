package io.quicidl.codegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code breaking}, {@code fmt} and {@code lint} commands: exit status and output. */
class SchemaToolsCommandTest {

    private static final String V1 = """
            package t;
            message A {
              int64 x = 1;
              string y = 2;
            }
            /// The service.
            service S {
              /// Gets.
              @unary
              rpc get(A) returns (A);
            }
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run quicidl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = QuicidlMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void helpListsTheSchemaTools() {
        Run run = quicidl("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("quicidl breaking --against"), run.out());
        assertTrue(run.out().contains("quicidl fmt [--check]"), run.out());
        assertTrue(run.out().contains("quicidl lint"), run.out());
    }

    @Test
    void breakingExitsZeroForACompatibleChange() throws IOException {
        write("v1/a.quic", V1);
        write("v2/a.quic", V1.replace("string y = 2;", "string y = 2;\n  bool z = 3;"));
        Run run = quicidl(
                "breaking",
                "--against",
                dir.resolve("v1").toString(),
                "-I",
                dir.resolve("v2").toString(),
                "a.quic");
        assertEquals(new Run(0, "", ""), run);
    }

    @Test
    void breakingPrintsOneLocatedDiagnosticPerBreakAndExitsOne() throws IOException {
        write("v1/a.quic", V1);
        write(
                "v2/a.quic",
                V1.replace("int64 x", "sint64 x")
                        .replace("@unary", "@server_streaming")
                        .replace("returns (A)", "returns (stream A)"));
        Run run = quicidl(
                "breaking",
                "--against",
                dir.resolve("v1").toString(),
                "-I",
                dir.resolve("v2").toString(),
                "a.quic");
        assertEquals(1, run.exit());
        assertEquals(
                "a.quic:10:3: error[QIDL404]: rpc /t.S/get changed its signature from '(t.A) returns (t.A)' to"
                        + " '(t.A) returns (stream t.A)' (@unary to @server_streaming)\n"
                        + "a.quic:3:3: error[QIDL412]: field number 1 of message t.A changed its type from 'int64'"
                        + " to 'sint64', which is encoded differently\n",
                run.err());
    }

    @Test
    void breakingTreatsAFileThePreviousVersionLackedAsNew() throws IOException {
        write("v1/a.quic", V1);
        write("v2/a.quic", V1);
        write("v2/b.quic", "package b;\nmessage B {}\n");
        Run run = quicidl(
                "breaking",
                "--against",
                dir.resolve("v1").toString(),
                "-I",
                dir.resolve("v2").toString(),
                "a.quic",
                "b.quic");
        assertEquals(new Run(0, "", ""), run);
    }

    @Test
    void breakingWithoutAPreviousVersionIsAUsageError() {
        Run run = quicidl("breaking", "a.quic");
        assertEquals(2, run.exit());
        assertTrue(
                run.err().startsWith("quicidl: breaking: no previous version: give --against <old-root>\nusage:"),
                run.err());
    }

    @Test
    void fmtCheckListsUnformattedFilesAndExitsOne() throws IOException {
        write("s/good.quic", V1);
        write("s/bad.quic", "package t;  message   B {int32 x=1;}\n");
        Run run = quicidl("fmt", "--check", dir.resolve("s").toString());
        assertEquals(1, run.exit());
        assertEquals(dir.resolve("s/bad.quic").toString().replace('\\', '/') + "\n", run.out());
        assertEquals("package t;  message   B {int32 x=1;}\n", Files.readString(dir.resolve("s/bad.quic")));
    }

    @Test
    void fmtRewritesFilesInTheCanonicalLayout() throws IOException {
        Path file = write("s/bad.quic", "package t; // keep me\nmessage   B {int32 x=1;}\n");
        assertEquals(new Run(0, "", ""), quicidl("fmt", file.toString()));
        assertEquals("package t; // keep me\nmessage B {\n  int32 x = 1;\n}\n", Files.readString(file));
        assertEquals(new Run(0, "", ""), quicidl("fmt", "--check", file.toString()));
    }

    @Test
    void fmtReportsASyntaxErrorAndLeavesTheFile() throws IOException {
        Path file = write("s/broken.quic", "package t;\nmessage B { int32 x = 1 }\n");
        Run run = quicidl("fmt", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("broken.quic:2:25: error[QIDL001]: expected ';', found '}'"), run.err());
        assertEquals("package t;\nmessage B { int32 x = 1 }\n", Files.readString(file));
    }

    @Test
    void fmtOfAMissingFileIsAUsageError() {
        Run run = quicidl("fmt", dir.resolve("nope.quic").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("quicidl: fmt: no such file or directory"), run.err());
    }

    @Test
    void lintPrintsFindingsAndExitsOne() throws IOException {
        write("s/a.quic", V1.replace("string y", "string yValue"));
        Run run = quicidl("lint", "-I", dir.resolve("s").toString(), "a.quic");
        assertEquals(
                new Run(1, "", "a.quic:4:3: warning[QIDL502]: field name 'yValue' is not lower_snake_case\n"), run);
    }

    @Test
    void lintDisableSilencesACode() throws IOException {
        write("s/a.quic", V1.replace("string y", "string yValue"));
        assertEquals(
                new Run(0, "", ""),
                quicidl("lint", "-I", dir.resolve("s").toString(), "--disable", "QIDL502,QIDL505", "a.quic"));
    }

    @Test
    void lintWithAnUnknownCodeIsAUsageError() {
        Run run = quicidl("lint", "--disable", "QIDL999", "a.quic");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("quicidl: lint: --disable: unknown code 'QIDL999'"), run.err());
    }
}
