package io.quicidl.benchmarks.measures;

import io.quicidl.benchmarks.Comparison.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure's values per system over interleaved rounds (A B C A B C …), so that drift on a shared
 * box spreads over every system instead of landing on whichever ran during it; the first system
 * added is the subject. Reported as the median with the min–max of the rounds.
 */
final class RoundSamples {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** "1 round" or "N rounds", for a note. */
    static String rounds(int count) {
        return count == 1 ? "1 round" : count + " rounds";
    }

    /** Records one round's {@code value} of {@code system}. */
    void add(String system, double value) {
        values.computeIfAbsent(system, name -> new ArrayList<>()).add(value);
    }

    /** The subject's sample: the first system added. */
    Sample subject() {
        return samples().get(0);
    }

    /** Every system but the subject, in the order first added. */
    List<Sample> peers() {
        List<Sample> all = samples();
        return all.subList(1, all.size());
    }

    private List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        values.forEach((system, rounds) -> samples.add(Sample.ofRounds(system, rounds)));
        return samples;
    }
}
