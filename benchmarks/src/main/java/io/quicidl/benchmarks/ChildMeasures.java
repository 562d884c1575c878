package io.quicidl.benchmarks;

import java.util.List;
import java.util.Set;

/**
 * The child JVM of the JDK 25 column ({@link Jdk25Column}): runs the measures named in its
 * arguments ({@code --quick} or {@code --full}, then IDs) and prints their comparisons as
 * {@link ComparisonLines}, after one {@code jvm} line naming this JVM. Exits 1 if a measure fails.
 */
public final class ChildMeasures {
    static final String JVM_PREFIX = "jvm\t";

    private ChildMeasures() {}

    public static void main(String[] args) throws Exception {
        SuiteSettings settings = new SuiteSettings(args.length > 0 && args[0].equals("--quick"));
        Set<String> ids = Set.copyOf(List.of(args).subList(1, args.length));
        System.out.println(
                JVM_PREFIX + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        for (Measure measure : BenchmarkSuite.measures()) {
            if (ids.contains(measure.id())) {
                for (Comparison comparison : measure.run(settings)) {
                    ComparisonLines.format(comparison).forEach(System.out::println);
                }
            }
        }
        // Event loops of the systems under test may linger as daemon threads; nothing else is left to do.
        System.exit(0);
    }
}
