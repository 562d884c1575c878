package io.quicidl.codegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher {@code target/quicidl} that the build puts beside {@code quicidl.jar}: it uses
 * the class-data archive the build dumped, and without a fitting archive it still compiles and
 * prints nothing about it.
 */
class QuicidlLauncherIT {

    private static final Path TARGET =
            Path.of(System.getProperty("quicidl.jar", "target/quicidl.jar")).getParent();

    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {}

    /** Runs {@code launcher} in {@link #dir} on this JVM, with {@code javaOptions} in {@code QUICIDL_JAVA_OPTS}. */
    private Run run(Path launcher, String javaOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("QUICIDL_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "quicidl did not finish");
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** A copy of the launcher and the jar in {@code directory}, without the archive. */
    private static Path copyWithoutArchive(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.copy(TARGET.resolve("quicidl.jar"), directory.resolve("quicidl.jar"));
        Path launcher = Files.copy(TARGET.resolve("quicidl"), directory.resolve("quicidl"));
        assertTrue(launcher.toFile().setExecutable(true));
        return launcher;
    }

    private void assertCompiles(Path launcher) throws Exception {
        Files.writeString(dir.resolve("clock.quic"), "package example.clock;\nmessage Now { int64 at = 1; }\n");
        Run run = run(launcher, "", "-I", ".", "-o", "out", "clock.quic");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("", run.stderr());
        assertTrue(Files.isRegularFile(dir.resolve("out/example/clock/Now.java")));
    }

    @Test
    void launcherUsesTheArchiveTheBuildMade() throws Exception {
        assertTrue(Files.isRegularFile(TARGET.resolve("quicidl.jsa")), "the build dumps target/quicidl.jsa");
        // -Xshare:on makes the JVM refuse to start unless it maps the archive.
        Run version = run(TARGET.resolve("quicidl"), "-Xshare:on", "--version");
        assertEquals(0, version.exit(), version.stdout() + version.stderr());
        assertTrue(version.stdout().startsWith("quicidl 0.1.0"), version.stdout());
        assertCompiles(TARGET.resolve("quicidl"));
    }

    @Test
    void launcherWithoutArchiveCompilesAndSaysNothingAboutIt() throws Exception {
        assertCompiles(copyWithoutArchive(dir.resolve("bin")));
    }

    @Test
    void archiveThatDoesNotFitTheJarIsSkippedQuietly() throws Exception {
        Path launcher = copyWithoutArchive(dir.resolve("bin"));
        // Dumped for the jar in target/, so it does not fit this copy.
        Files.copy(TARGET.resolve("quicidl.jsa"), dir.resolve("bin/quicidl.jsa"));
        assertEquals(1, run(launcher, "-Xshare:on", "--version").exit(), "the copied archive should not fit");
        assertCompiles(launcher);
    }
}
