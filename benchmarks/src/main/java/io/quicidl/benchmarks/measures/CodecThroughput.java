package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measure 8: encode and decode operations per second of the representative {@link CodecSampleOrder},
 * quicidl's generated codec against protobuf-java's generated code. Runs {@link CodecBenchmark}
 * through JMH in one forked JVM, which gets this JVM's class path (JMH's default), so the suite
 * works when started with {@code java -cp classes:dependencies}.
 */
public final class CodecThroughput implements Measure {
    /** The {@link CodecBenchmark} methods, by the operation they time; quicidl's method first. */
    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "encode + decode", List.of("roundTripQuicidl", "roundTripProtobuf"),
            "encode", List.of("encodeQuicidl", "encodeProtobuf"),
            "decode", List.of("decodeQuicidl", "decodeProtobuf"));

    private static final List<String> REPORT_ORDER = List.of("encode + decode", "encode", "decode");

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String id() {
        return "codec";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        int warmupIterations = settings.pick(3, 1);
        int measurementIterations = settings.pick(5, 1);
        long iterationMillis = settings.pick(2_000L, 500L);
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(CodecBenchmark.class.getName() + ".") + ".*")
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(measurementIterations)
                .measurementTime(TimeValue.milliseconds(iterationMillis))
                // A fixed heap, so that a run does not depend on the box's memory size.
                .jvmArgs("-Xms512m", "-Xmx512m")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Result<?>> byMethod = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            byMethod.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.getPrimaryResult());
        }
        String note = String.format(
                Locale.ROOT,
                "JMH, 1 fork, %d×%.1f s warm-up + %d×%.1f s measured, 1 thread; "
                        + "Order with 5 line items and 4 map entries, %d bytes",
                warmupIterations,
                iterationMillis / 1e3,
                measurementIterations,
                iterationMillis / 1e3,
                CodecSampleOrder.protobuf().getSerializedSize());
        String peer = "protobuf-java " + CodecSampleOrder.PROTOBUF_VERSION;
        List<Comparison> comparisons = new ArrayList<>();
        for (String operation : REPORT_ORDER) {
            Result<?> quicidl = result(byMethod, OPERATIONS.get(operation).get(0));
            Result<?> protobuf = result(byMethod, OPERATIONS.get(operation).get(1));
            comparisons.add(new Comparison(
                    "8. codec, Order message",
                    operation,
                    "ops/s",
                    Better.HIGHER,
                    new Sample("quicidl", quicidl.getScore()),
                    List.of(new Sample(peer, protobuf.getScore())),
                    note + errorMargins(quicidl, protobuf)));
        }
        return comparisons;
    }

    private static Result<?> result(Map<String, Result<?>> byMethod, String method) {
        Result<?> result = byMethod.get(method);
        if (result == null) {
            throw new IllegalStateException("JMH returned no result for CodecBenchmark." + method + " (got "
                    + byMethod.keySet() + "); is META-INF/BenchmarkList in the classes?");
        }
        return result;
    }

    /** JMH's 99.9% error margins as shares of the scores; none with a single measured iteration. */
    private static String errorMargins(Result<?> quicidl, Result<?> protobuf) {
        if (!Double.isFinite(quicidl.getScoreError()) || !Double.isFinite(protobuf.getScoreError())) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; 99.9%% error ±%.0f%% quicidl, ±%.0f%% protobuf-java",
                100 * quicidl.getScoreError() / quicidl.getScore(),
                100 * protobuf.getScoreError() / protobuf.getScore());
    }
}
