package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.ChildJvm;
import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.codegen.cli.QuicidlMain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measure 9: wall time to compile {@link SchemaCorpus} (1,000 messages, 100 services) into Java
 * with quicidl's CLI, each run in a new JVM as a user starts it, against protoc's {@code --java_out}
 * on the same shapes. protoc writes no service code without a plugin, so it does less work: messages
 * only. The two take turns; the median of the runs is reported.
 */
public final class CompilerTime implements Measure {
    static final int MESSAGES = 1_000;
    static final int SERVICES = 100;
    static final int FILES = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String id() {
        return "compiler";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        int runs = settings.pick(5, 1);
        SchemaCorpus corpus = new SchemaCorpus(MESSAGES, SERVICES, FILES);
        Path work = Files.createTempDirectory("quicidl-compiler-time");
        try {
            Path quicRoot = work.resolve("quic");
            Path protoRoot = work.resolve("proto");
            corpus.writeTo(quicRoot, protoRoot);
            Path protoc = protoc(work);
            List<Double> quicidlSeconds = new ArrayList<>();
            List<Double> protocSeconds = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                quicidlSeconds.add(timeQuicidl(corpus, quicRoot, work.resolve("quicidl-out-" + run)));
                protocSeconds.add(timeProtoc(corpus, protoc, protoRoot, work.resolve("protoc-out-" + run)));
            }
            String note = String.format(Locale.ROOT, "median of %d run%s, %d files, %,d schema lines; quicidl in a "
                    + "new JVM each run (all runs, s: %s; protoc: %s)", runs, runs == 1 ? "" : "s", FILES + 1,
                    corpus.quicSources().values().stream().mapToLong(text -> text.lines().count()).sum(),
                    format(quicidlSeconds), format(protocSeconds));
            return List.of(new Comparison("9. compiler, 1,000 messages + 100 services", "wall time", "s",
                    Better.LOWER, new Sample("quicidl CLI", median(quicidlSeconds)),
                    List.of(new Sample("protoc " + CodecSampleOrder.PROTOBUF_VERSION + " (messages only)",
                            median(protocSeconds))), note));
        } finally {
            deleteRecursively(work);
        }
    }

    /** One cold run of {@code quicidl -I quicRoot -o out files...}; fails unless it exits 0 and writes every class. */
    private static double timeQuicidl(SchemaCorpus corpus, Path quicRoot, Path out)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-I", quicRoot.toString(), "-o", out.toString()));
        args.addAll(corpus.quicFiles());
        long started = System.nanoTime();
        ChildJvm.run(List.of(), QuicidlMain.class, args, TIMEOUT); // throws unless the exit status is 0
        double seconds = (System.nanoTime() - started) / 1e9;
        requireJavaFiles("quicidl", out, corpus.messages() + corpus.services());
        return seconds;
    }

    /** One run of {@code protoc -I protoRoot --java_out=out files...}. */
    private static double timeProtoc(SchemaCorpus corpus, Path protoc, Path protoRoot, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(protoc.toString(), "-I" + protoRoot, "--java_out=" + out));
        command.addAll(corpus.protoFiles());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("protoc did not finish within " + TIMEOUT);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new IOException("protoc exited with " + process.exitValue());
        }
        requireJavaFiles("protoc", out, corpus.messages());
        return seconds;
    }

    private static void requireJavaFiles(String compiler, Path out, int atLeast) throws IOException {
        long count;
        try (Stream<Path> files = Files.walk(out)) {
            count = files.filter(file -> file.toString().endsWith(".java")).count();
        }
        if (count < atLeast) {
            throw new IOException(compiler + " wrote " + count + " Java files, expected at least " + atLeast);
        }
    }

    /**
     * protoc of this build: {@code -Dbench.protoc=PATH}, else the copy Maven puts in {@code target/protoc}
     * next to these classes, else the Maven local repository's. Made executable, since copies lose the mode.
     */
    static Path protoc(Path scratch) throws IOException {
        String configured = System.getProperty("bench.protoc");
        if (configured != null) {
            return executable(Path.of(configured), scratch);
        }
        Path target = targetDirectory();
        if (target != null && Files.isRegularFile(target.resolve("protoc/protoc.exe"))) {
            return executable(target.resolve("protoc/protoc.exe"), scratch);
        }
        String version = CodecSampleOrder.PROTOBUF_VERSION;
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf",
                "protoc", version, "protoc-" + version + "-linux-x86_64.exe");
        if (Files.isRegularFile(local)) {
            return executable(local, scratch);
        }
        throw new IOException("protoc " + version + " not found: build the benchmarks module with Maven "
                + "(it copies protoc to target/protoc) or pass -Dbench.protoc=PATH");
    }

    /** {@code target/} when these classes run from {@code target/classes} or a jar in {@code target/}. */
    private static Path targetDirectory() {
        try {
            Path location = Path.of(CompilerTime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** {@code file} itself if it is or can be made executable, else an executable copy in {@code scratch}. */
    private static Path executable(Path file, Path scratch) throws IOException {
        if (Files.isExecutable(file) || file.toFile().setExecutable(true)) {
            return file;
        }
        Path copy = Files.copy(file, scratch.resolve("protoc.exe"));
        if (!copy.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return copy;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(List<Double> seconds) {
        return String.join(" ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
