package io.quicidl.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's second column: measures 1-3 run again on JDK 25, in a child JVM on the Temurin 25
 * JDK these machines carry beside the default JDK 17, since JDK 25 is what most users will run (and
 * where quicidl's handlers run on virtual threads). Skipped where that JDK is absent.
 *
 * @param jvm the child's JVM name and version
 * @param figures its comparisons by {@link #key}
 */
record Jdk25Column(String jvm, Map<String, Comparison> figures) {
    static final Path JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    /** The measures that get the column. */
    static final Set<String> MEASURES = Set.of("unary-latency", "unary-throughput", "streaming");
    /** Longer than measures 1-3 take in a full run on a loaded box. */
    private static final Duration TIMEOUT = Duration.ofMinutes(40);

    /** No second column. */
    static Jdk25Column none() {
        return new Jdk25Column("", Map.of());
    }

    static boolean available() {
        return Files.isExecutable(JAVA);
    }

    /** Runs {@code ids} (those of {@link #MEASURES}) on JDK 25; fails if the child fails. */
    static Jdk25Column run(boolean quick, List<String> ids) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(quick ? "--quick" : "--full");
        args.addAll(ids);
        // Netty loads its native transports through System.loadLibrary, which JDK 25 warns about unless allowed.
        List<String> output = ChildJvm.run(
                JAVA.toString(), List.of("--enable-native-access=ALL-UNNAMED"), ChildMeasures.class, args, TIMEOUT);
        String jvm = output.stream()
                .filter(line -> line.startsWith(ChildMeasures.JVM_PREFIX))
                .map(line -> line.substring(ChildMeasures.JVM_PREFIX.length()))
                .findFirst()
                .orElse("JDK 25");
        Map<String, Comparison> figures = new LinkedHashMap<>();
        ComparisonLines.parse(output).forEach(comparison -> figures.put(key(comparison), comparison));
        return new Jdk25Column(jvm, figures);
    }

    /** The figure a comparison is of: its measure and metric. */
    static String key(Comparison comparison) {
        return comparison.measure() + "\t" + comparison.metric();
    }

    /** The same figure on JDK 25, or {@code null}. */
    Comparison of(Comparison comparison) {
        return figures.get(key(comparison));
    }

    boolean isEmpty() {
        return figures.isEmpty();
    }
}
