package io.quicidl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds become a median with its spread, and figures survive the trip out of a child JVM. */
class ComparisonLinesTest {
    @Test
    void roundsGiveTheMedianAndTheSpread() {
        Sample odd = Sample.ofRounds("a", List.of(3.0, 1.0, 2.0));
        assertEquals(new Sample("a", 2.0, 1.0, 3.0, 3), odd);
        assertEquals(2.5, Sample.ofRounds("a", List.of(4.0, 1.0, 2.0, 3.0)).value());
        assertEquals("2.00 µs (1.00–3.00)", MarkdownReport.value(odd, "µs"));
        assertEquals("1,234 calls/s", MarkdownReport.value(new Sample("b", 1234), "calls/s"));
    }

    @Test
    void comparisonsComeBackAsWritten() {
        List<Comparison> written = List.of(
                new Comparison(
                        "2. unary",
                        "1 connection, completion callback",
                        "calls/s",
                        Better.HIGHER,
                        Sample.ofRounds("quicidl", List.of(1.5, 2.25, 3.0)),
                        List.of(new Sample("raw", 0.1 + 0.2), Sample.ofRounds("gRPC", List.of(7.0, 8.0))),
                        "note"),
                new Comparison(
                        "1. latency", "p99", "µs", Better.LOWER, new Sample("quicidl", Double.NaN), List.of(), ""));
        List<String> output = new ArrayList<>(List.of("== progress the parser skips"));
        written.forEach(comparison -> output.addAll(ComparisonLines.format(comparison)));
        List<Comparison> read = ComparisonLines.parse(output);
        assertEquals(written, read);
        assertTrue(Double.isNaN(read.get(1).subject().value()));
    }
}
