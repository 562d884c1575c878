package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
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
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Measure 9: wall and CPU time to compile {@link SchemaCorpus} (1,000 messages, 100 services; a
 * tenth of that with {@code --quick}) into Java with quicidl's CLI, started each run through the
 * launcher the codegen build ships ({@code codegen/target/quicidl}, with its JVM options and
 * class-data archive) as a user starts it, against protoc's {@code --java_out} on the same shapes. protoc writes no service code
 * without a plugin, so it does less work: messages only. The two take turns; the medians of the
 * runs' wall and CPU times are reported.
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
        // A quick run compiles a tenth of the schema: it proves the measure works in CI's minute.
        SchemaCorpus corpus =
                new SchemaCorpus(settings.pick(MESSAGES, MESSAGES / 10), settings.pick(SERVICES, SERVICES / 10), FILES);
        Path work = Files.createTempDirectory("quicidl-compiler-time");
        try {
            Path quicRoot = work.resolve("quic");
            Path protoRoot = work.resolve("proto");
            corpus.writeTo(quicRoot, protoRoot);
            Path protoc = protoc(work);
            Path launcher = quicidlLauncher();
            List<Timing> quicidl = new ArrayList<>();
            List<Timing> protocTimings = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                quicidl.add(timeQuicidl(launcher, corpus, quicRoot, work.resolve("quicidl-out-" + run)));
                protocTimings.add(timeProtoc(corpus, protoc, protoRoot, work.resolve("protoc-out-" + run)));
            }
            String note = String.format(
                    Locale.ROOT,
                    "median of %d run%s; %d files, %,d schema lines; quicidl through "
                            + "its launcher, a new JVM each run, wrote %d Java files, protoc %d",
                    runs,
                    runs == 1 ? "" : "s",
                    FILES + 1,
                    corpus.quicSources().values().stream()
                            .mapToLong(text -> text.lines().count())
                            .sum(),
                    quicidl.get(0).javaFiles(),
                    protocTimings.get(0).javaFiles());
            String measure = String.format(
                    Locale.ROOT, "9. compiler, %,d messages + %d services", corpus.messages(), corpus.services());
            Sample quicidlWall = new Sample("quicidl CLI", median(quicidl, Timing::wallSeconds));
            Sample quicidlCpu = new Sample("quicidl CLI", median(quicidl, Timing::cpuSeconds));
            String peer = "protoc " + CodecSampleOrder.PROTOBUF_VERSION + " (messages only)";
            return List.of(
                    new Comparison(
                            measure,
                            "wall time",
                            "s",
                            Better.LOWER,
                            quicidlWall,
                            List.of(new Sample(peer, median(protocTimings, Timing::wallSeconds))),
                            note),
                    new Comparison(
                            measure,
                            "CPU time (user + sys)",
                            "s",
                            Better.LOWER,
                            quicidlCpu,
                            List.of(new Sample(peer, median(protocTimings, Timing::cpuSeconds))),
                            "less sensitive than wall time to other load on the box; the JVM's JIT and GC "
                                    + "threads count"));
        } finally {
            deleteRecursively(work);
        }
    }

    /** One compiler run: wall time, CPU time of the child process, and how many Java files it wrote. */
    private record Timing(double wallSeconds, double cpuSeconds, long javaFiles) {}

    /** One cold run of {@code quicidl -I quicRoot -o out files...}; fails unless it exits 0 and writes every class. */
    private static Timing timeQuicidl(Path launcher, SchemaCorpus corpus, Path quicRoot, Path out)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(launcher.toString(), "-I", quicRoot.toString(), "-o", out.toString()));
        command.addAll(corpus.quicFiles());
        ProcessBuilder builder = new ProcessBuilder(command);
        // This build's JDK: the one the launcher's class-data archive was dumped with.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return timed("quicidl", builder, out, corpus.messages() + corpus.services());
    }

    /** One run of {@code protoc -I protoRoot --java_out=out files...}. */
    private static Timing timeProtoc(SchemaCorpus corpus, Path protoc, Path protoRoot, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(protoc.toString(), "-I" + protoRoot, "--java_out=" + out));
        command.addAll(corpus.protoFiles());
        return timed("protoc", new ProcessBuilder(command), out, corpus.messages());
    }

    /** Times one run of {@code builder}'s process; fails unless it exits 0 and writes {@code atLeast} Java files to {@code out}. */
    private static Timing timed(String compiler, ProcessBuilder builder, Path out, int atLeast)
            throws IOException, InterruptedException {
        double cpuBefore = childrenCpuSeconds();
        long started = System.nanoTime();
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(compiler + " did not finish within " + TIMEOUT);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = childrenCpuSeconds() - cpuBefore;
        if (process.exitValue() != 0) {
            throw new IOException(compiler + " exited with " + process.exitValue());
        }
        return new Timing(seconds, cpu, checkAndDelete(compiler, out, atLeast));
    }

    /**
     * User plus system CPU time of this JVM's finished child processes ({@code cutime} and
     * {@code cstime} of {@code /proc/self/stat}, in USER_HZ ticks, 100 a second on Linux): a child's
     * time is added once it has been waited for, which {@link Process#waitFor} has done.
     */
    private static double childrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // Fields after the command name, which is in parentheses and may hold spaces; field 3 comes first.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3])) / 100.0;
    }

    /** Counts the Java files under {@code out}, fails below {@code atLeast}, then deletes them (hundreds of MB). */
    private static long checkAndDelete(String compiler, Path out, int atLeast) throws IOException {
        long count;
        try (Stream<Path> files = Files.walk(out)) {
            count = files.filter(file -> file.toString().endsWith(".java")).count();
        }
        if (count < atLeast) {
            throw new IOException(compiler + " wrote " + count + " Java files, expected at least " + atLeast);
        }
        deleteRecursively(out);
        return count;
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
        Path local = Path.of(
                System.getProperty("user.home"),
                ".m2",
                "repository",
                "com",
                "google",
                "protobuf",
                "protoc",
                version,
                "protoc-" + version + "-linux-x86_64.exe");
        if (Files.isRegularFile(local)) {
            return executable(local, scratch);
        }
        throw new IOException("protoc " + version + " not found: build the benchmarks module with Maven "
                + "(it copies protoc to target/protoc) or pass -Dbench.protoc=PATH");
    }

    /**
     * quicidl's launcher as the codegen build ships it: {@code -Dbench.quicidl=PATH}, else
     * {@code codegen/target/quicidl} beside this module's {@code target/}, which the reactor build
     * ({@code -pl benchmarks -am}) packages first.
     */
    static Path quicidlLauncher() throws IOException {
        String configured = System.getProperty("bench.quicidl");
        Path target = targetDirectory();
        Path launcher = configured != null
                ? Path.of(configured)
                : target == null ? null : target.getParent().resolveSibling("codegen/target/quicidl");
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new IOException("quicidl's launcher " + (launcher == null ? "" : launcher + " ")
                    + "not found or not executable: package the codegen module first "
                    + "(mvn -pl codegen -am package) or pass -Dbench.quicidl=PATH");
        }
        return launcher;
    }

    /** {@code target/} when these classes run from {@code target/classes} or a jar in {@code target/}. */
    private static Path targetDirectory() {
        try {
            Path location = Path.of(CompilerTime.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
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

    private static double median(List<Timing> timings, ToDoubleFunction<Timing> value) {
        double[] sorted = timings.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
