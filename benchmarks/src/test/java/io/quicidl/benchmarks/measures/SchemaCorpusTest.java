package io.quicidl.benchmarks.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.codegen.CompileRequest;
import io.quicidl.codegen.CompileResult;
import io.quicidl.codegen.GenerationOptions;
import io.quicidl.codegen.QuicidlCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema measure 9 compiles must be valid in both languages, or the timings mean nothing. */
class SchemaCorpusTest {
    /** Measure 9's corpus at a tenth of its size: the same shapes in each file, and a test of seconds. */
    private static final SchemaCorpus CORPUS = new SchemaCorpus(100, 10, CompilerTime.FILES);

    @Test
    void quicSchemaCompilesWithoutDiagnostics(@TempDir Path dir) throws Exception {
        CORPUS.writeTo(dir.resolve("quic"), dir.resolve("proto"));

        CompileResult result = QuicidlCompiler.compile(new CompileRequest(
                List.of(dir.resolve("quic")), CORPUS.quicFiles(), dir.resolve("out"), GenerationOptions.DEFAULT));

        assertEquals(List.of(), result.diagnostics());
        assertTrue(
                result.writtenFiles().size() >= CORPUS.messages() + CORPUS.services(),
                result.writtenFiles().size() + " files");
    }

    @Test
    void protoSchemaCompilesWithProtocWithoutOutputOnStderr(@TempDir Path dir) throws Exception {
        CORPUS.writeTo(dir.resolve("quic"), dir.resolve("proto"));
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> command = new ArrayList<>(
                List.of(CompilerTime.protoc(dir).toString(), "-I" + dir.resolve("proto"), "--java_out=" + out));
        command.addAll(CORPUS.protoFiles());

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));

        assertEquals("", output);
        assertEquals(0, process.exitValue());
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".java")).count() >= CORPUS.messages());
        }
    }

    @Test
    void fullCorpusSpreadsMessagesAndServicesOverTheFilesWithEveryPatternInEveryService() {
        SchemaCorpus full = new SchemaCorpus(CompilerTime.MESSAGES, CompilerTime.SERVICES, CompilerTime.FILES);
        int messages = 0;
        int services = 0;
        for (String file : full.quicFiles()) {
            String text = full.quicSources().get(file);
            messages += count(text, "\nmessage M");
            String[] serviceBlocks = text.split("\nservice ");
            for (int i = 1; i < serviceBlocks.length; i++) {
                services++;
                for (String pattern : List.of(
                        "@unary",
                        "@server_streaming",
                        "@client_streaming",
                        "@duplex",
                        "@notifications",
                        "@unordered",
                        "@realtime")) {
                    assertTrue(serviceBlocks[i].contains("  " + pattern), pattern + " in " + file);
                }
            }
        }
        assertEquals(CompilerTime.MESSAGES, messages);
        assertEquals(CompilerTime.SERVICES, services);
        assertEquals(
                CompilerTime.MESSAGES, count(String.join("", full.protoSources().values()), "\nmessage M"));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
