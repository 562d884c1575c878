package io.quicidl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxLoadTest {
    @Test
    void aQuietBoxIsQuietWhateverTheSuitesOwnLoadAfterIt() {
        BoxLoad quiet = new BoxLoad(0.2, 2.9, 2, 1.0, 600);
        assertFalse(quiet.noisy());
        assertTrue(quiet.verdict().startsWith("Quiet box"), quiet.verdict());
    }

    @Test
    void aBusyMinuteBeforeTheRunMakesItNoisy() {
        BoxLoad load = new BoxLoad(0.7, 1.0, 2, 0, 60);
        assertTrue(load.noisy());
        assertTrue(load.verdict().startsWith("NOISY"), load.verdict());
    }

    @Test
    void otherProcessesUsingMoreThanTheAllowedShareMakeItNoisy() {
        assertFalse(new BoxLoad(0.1, 2.0, 2, 5.9, 60).noisy(), "4.9% of 2 CPUs over 60 s");
        assertTrue(new BoxLoad(0.1, 2.0, 2, 6.1, 60).noisy(), "5.1% of 2 CPUs over 60 s");
    }

    @Test
    void unreadableReadingsAreSaidToBeUnknown() {
        assertTrue(new BoxLoad(Double.NaN, Double.NaN, 2, 0, 60).verdict().startsWith("LOAD UNKNOWN"));
        assertTrue(new BoxLoad(0.1, 1.0, 2, Double.NaN, 60).verdict().startsWith("LOAD UNKNOWN"));
    }
}
