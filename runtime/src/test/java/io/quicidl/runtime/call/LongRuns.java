package io.quicidl.runtime.call;

/**
 * The switch between the short fault tests CI runs and their long versions: {@code
 * -Dquicidl.long=true} (README, "Tests") repeats them and raises the load.
 */
final class LongRuns {
    static final boolean ON = Boolean.getBoolean("quicidl.long");

    private LongRuns() {}

    /** {@code ci} in a normal run, {@code longRun} with the switch on. */
    static int choose(int ci, int longRun) {
        return ON ? longRun : ci;
    }

    /** Prints a measured figure in long runs, where someone reads them. */
    static void report(String line) {
        if (ON) {
            System.out.println("[quicidl.long] " + line);
        }
    }
}
