package io.quicidl.benchmarks;

import java.util.List;

/** One numbered measure of the suite (issue #6's list); runs every system it compares in one go. */
public interface Measure {
    /** The measure's number in the results, 1 to 9. */
    int number();

    /** A short name, also what {@code --only} selects by. */
    String id();

    /** Runs the measure; {@code settings.quick()} asks for a run of a few seconds that only proves it works. */
    List<Comparison> run(SuiteSettings settings) throws Exception;
}
