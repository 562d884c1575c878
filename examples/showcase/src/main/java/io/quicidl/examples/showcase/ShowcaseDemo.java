package io.quicidl.examples.showcase;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.KeyLogFile;
import io.quicidl.runtime.tls.TrustPolicy;
import java.io.PrintStream;
import java.util.List;

/**
 * The showcase demo: a server and a client in one JVM on loopback QUIC, every interaction pattern
 * called once (plus a cancel and a declared error), and for each call one line of what happened
 * on the wire, built from both endpoints' {@link RecordingWireTap} events. Exits 0 only when
 * every call worked and looked as it should on the wire.
 *
 * <p>With {@code SSLKEYLOGFILE} set, the TLS secrets of the run go to that file, so a packet
 * capture of loopback can be decrypted in Wireshark.
 */
public final class ShowcaseDemo {
    private static final long SETTLE_MILLIS = 2_000;
    private static final String FAILED = "FAILED: ";

    private ShowcaseDemo() {}

    /** Runs the demo; the optional argument is the server's UDP port (an ephemeral one by default). */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && !args[0].matches("\\d{1,5}"))) {
            System.err.println("usage: ShowcaseDemo [port], got " + String.join(" ", args));
            System.exit(2);
        }
        System.exit(run(System.out, args.length == 0 ? 0 : Integer.parseInt(args[0])) ? 0 : 1);
    }

    /** Runs the demo, printing to {@code out}; true when every call worked. */
    public static boolean run(PrintStream out) {
        return run(out, 0);
    }

    /**
     * Runs the demo with the server on 127.0.0.1:{@code port} (0 for an ephemeral port), printing
     * to {@code out}; true when every call worked. A fixed port lets a packet capture filter on it.
     */
    public static boolean run(PrintStream out, int port) {
        RecordingWireTap tap = new RecordingWireTap();
        ShowcaseService service = new ShowcaseService();
        Identity identity = Identity.selfSigned("localhost");
        KeyLogFile keyLog = KeyLogFile.fromEnvironment();
        if (keyLog != null) {
            out.println("TLS secrets go to " + keyLog.path() + " (" + KeyLogFile.ENVIRONMENT_VARIABLE + ")");
        }
        try (Server server = Server.builder()
                .bind("127.0.0.1", port)
                .identity(identity)
                .tap(tap)
                .addService(ShowcaseServerBinding.bind(service))
                .start()) {
            out.printf(
                    "server on %s, self-signed; the client pins sha256 %s%n",
                    server.localAddress(), identity.fingerprint());
            Client client = Client.builder()
                    .address(server.localAddress())
                    .serverName("localhost")
                    .trust(TrustPolicy.pinned(identity.fingerprint()))
                    .tap(tap)
                    .connect();
            List<Step> steps = new ShowcaseCalls(new ShowcaseClient(client), service).steps();
            int failed = runSteps(steps, tap, out) + (close(client, tap, out) ? 0 : 1);
            if (failed == 0) {
                out.println("OK: all " + steps.size() + " calls worked and the connection closed cleanly");
            } else {
                out.println("FAILED: " + failed + " of " + (steps.size() + 1) + " steps did not work (see above)");
            }
            return failed == 0;
        } catch (RuntimeException e) {
            out.println("FAILED: the demo could not run: " + e);
            return false;
        }
    }

    /** Runs the steps one after the other; returns how many failed. */
    private static int runSteps(List<Step> steps, RecordingWireTap tap, PrintStream out) {
        awaitQuiet(tap);
        int failed = 0;
        for (Step step : steps) {
            tap.clear();
            long start = System.nanoTime();
            String note;
            try {
                note = step.call().run();
            } catch (Exception e) {
                note = FAILED + e;
            }
            long elapsed = System.nanoTime() - start;
            String wire = WireSummary.describe(awaitQuiet(tap));
            if (!note.startsWith(FAILED) && !wire.matches(step.expectedWire())) {
                note = FAILED + "expected on the wire: " + step.expectedWire();
            }
            if (note.startsWith(FAILED)) {
                failed++;
            }
            print(out, step.pattern(), step.label(), wire, elapsed, note);
        }
        return failed;
    }

    /** Closes the client (GOAWAY, DRAINED, CONNECTION_CLOSE) and shows the close on the wire. */
    private static boolean close(Client client, RecordingWireTap tap, PrintStream out) {
        tap.clear();
        long start = System.nanoTime();
        client.close();
        long elapsed = System.nanoTime() - start;
        String wire = WireSummary.describe(awaitQuiet(tap));
        boolean clean = wire.contains("client CONNECTION_CLOSE NO_ERROR");
        print(
                out,
                "connection",
                "close",
                wire,
                elapsed,
                clean ? "GOAWAY, DRAINED, then the close" : FAILED + "expected client CONNECTION_CLOSE NO_ERROR");
        return clean;
    }

    /** One line of what happened on the wire and how long it took, and below it what the call returned. */
    private static void print(PrintStream out, String pattern, String label, String wire, long nanos, String note) {
        out.printf("%-18s %-23s %-72s %7.1f ms%n", pattern, label, wire, nanos / 1e6);
        out.printf("%-42s %s%n", "", note);
    }

    /** Waits until the endpoints have recorded nothing new for a moment, and returns what they recorded. */
    private static List<WireEvent> awaitQuiet(RecordingWireTap tap) {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        List<WireEvent> events = tap.events();
        while (System.currentTimeMillis() < deadline) {
            sleep(30);
            List<WireEvent> now = tap.events();
            if (now.size() == events.size()) {
                return now;
            }
            events = now;
        }
        return events;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
