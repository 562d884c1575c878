package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.RecordingWireTap;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.WireEvent;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.runtime.wire.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue #17: a peer process killed with SIGKILL in the middle of calls of every pattern. Nothing
 * is sent and the kernel drops its socket, so only liveness PINGs (SPEC.md §6.4) can tell. The
 * survivor ends every call, keeps its other connections, and keeps no handler, thread or buffer.
 * Bounds on time are generous (CI is a loaded box); the measured times are in the messages, and
 * printed in long runs ({@link LongRuns}), which repeat the kill.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PeerKilledTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");
    private static final long BOUND_SECONDS = 30;
    private static final Duration CLIENT_LIVENESS = Duration.ofSeconds(2);

    /**
     * A client JVM killed while one call of every pattern runs: with the server's default settings
     * (liveness 3 s, so within 4 s; the idle timeout is 30 s) every handler wakes with a status,
     * through UNRESPONSIVE rather than the idle timeout, and the server's other client goes on.
     */
    @Test
    void handlersOfAKilledClientWakeAndTheServerKeepsNothing() throws Exception {
        StuckService stuck = new StuckService();
        EchoService echo = new EchoService();
        RecordingWireTap tap = new RecordingWireTap();
        Server server = Server.builder()
                .identity(IDENTITY)
                .addService(stuck.definition())
                .addService(echo.definition())
                .tap(tap)
                .start();
        try (Client other = connect(server.port(), IDENTITY.fingerprint());
                HealthyCalls healthy = new HealthyCalls(other)) {
            int rounds = LongRuns.choose(1, 10);
            for (int round = 1; round <= rounds; round++) {
                int wokeBefore = stuck.probe.wakes.size();
                int enteredBefore = stuck.probe.entered.size();
                long lostBefore = unresponsiveLosses(tap);
                try (ChildJvmProcess child = ChildJvmProcess.start(
                        StuckCallsClientMain.class, Integer.toString(server.port()), IDENTITY.fingerprint())) {
                    child.awaitLine(StuckCallsClientMain.STARTED, BOUND_SECONDS);
                    int calls = StuckCallsClientMain.CALLS;
                    await(
                            () -> stuck.probe.entered.size() == enteredBefore + calls,
                            () -> calls + " handlers running: " + stuck.probe.entered + ", running: "
                                    + server.runningHandlers());
                    long killedAt = System.nanoTime();
                    child.kill();
                    await(
                            () -> stuck.probe.wakes.size() == wokeBefore + calls,
                            () -> "every handler to wake; woke: " + stuck.probe.wakes.size() + " - " + wokeBefore
                                    + ", running: " + server.runningHandlers() + ", connections: "
                                    + server.connectionCount() + ", stuck in: " + stacksIn(StuckService.class)
                                    + ", lost: " + tap.events(WireEvent.Type.CONNECTION_LOST) + ", wakes: "
                                    + stuck.probe.wakes);
                    long tookMillis = millisSince(killedAt);
                    List<Throwable> wakes = new ArrayList<>(stuck.probe.wakes).subList(wokeBefore, wokeBefore + calls);
                    for (Throwable woke : wakes) {
                        assertTrue(
                                woke instanceof StatusException status
                                        && (status.code() == StatusCode.UNAVAILABLE
                                                || status.code() == StatusCode.CANCELLED),
                                "woke " + tookMillis + " ms after the kill with " + woke);
                    }
                    await(() -> unresponsiveLosses(tap) == lostBefore + 1, "the server to note UNRESPONSIVE");
                    await(() -> threadsIn(StuckService.class) == 0, "no thread left in a handler");
                    await(() -> server.connectionCount() == 1, "only the other client's connection left");
                    LongRuns.report("client killed, round " + round + ": " + calls + " handlers woke within "
                            + tookMillis + " ms");
                }
            }
            healthy.assertUnaffected();
            healthy.stop();
            await(() -> server.runningHandlers() == 0, "no handler running");
        } finally {
            server.shutdown(Duration.ofSeconds(1));
            echo.shutdown();
        }
    }

    /**
     * A server JVM killed while the client has one call of every pattern running on it: with
     * client liveness on, each call fails with UNAVAILABLE, the client's connection to another
     * server goes on, and the direct memory in use returns to what it was.
     */
    @Test
    void callsToAKilledServerFailUnavailableAndTheClientKeepsNothing() throws Exception {
        EchoService echo = new EchoService();
        Server otherServer = Server.builder()
                .identity(IDENTITY)
                .addService(echo.definition())
                .start();
        try (Client other = connect(otherServer.port(), IDENTITY.fingerprint());
                HealthyCalls healthy = new HealthyCalls(other)) {
            healthy.awaitCalls(20);
            long directBefore = usedDirectMemory();
            int rounds = LongRuns.choose(1, 10);
            for (int round = 1; round <= rounds; round++) {
                try (ChildJvmProcess child =
                        ChildJvmProcess.start(StuckServerMain.class, Integer.toString(StuckCallsClientMain.CALLS))) {
                    String[] port =
                            child.awaitLine(StuckServerMain.PORT, BOUND_SECONDS).split(" ");
                    Client client = Client.builder()
                            .address("127.0.0.1", Integer.parseInt(port[1]))
                            .trust(TrustPolicy.pinned(port[2]))
                            .livenessTimeout(CLIENT_LIVENESS)
                            .connect();
                    try {
                        Map<String, CompletableFuture<Throwable>> ended = runEach(StuckClientCalls.start(client));
                        child.awaitLine(StuckServerMain.RUNNING, BOUND_SECONDS);
                        long killedAt = System.nanoTime();
                        child.kill();
                        for (var call : ended.entrySet()) {
                            Throwable woke = call.getValue().get(BOUND_SECONDS, TimeUnit.SECONDS);
                            String took = millisSince(killedAt) + " ms after the kill";
                            assertTrue(
                                    woke instanceof StatusException,
                                    call.getKey() + " ended " + took + " with " + woke);
                            assertEquals(
                                    StatusCode.UNAVAILABLE,
                                    ((StatusException) woke).code(),
                                    call.getKey() + " ended " + took + " with " + woke);
                        }
                        LongRuns.report("server killed, round " + round + ": every call failed within "
                                + millisSince(killedAt) + " ms (client liveness " + CLIENT_LIVENESS.toMillis()
                                + " ms)");
                    } finally {
                        client.close(Duration.ofMillis(100));
                    }
                }
            }
            healthy.assertUnaffected();
            healthy.stop();
            long slack = 8L << 20;
            long[] directAfter = {0};
            await(
                    () -> (directAfter[0] = usedDirectMemory()) <= directBefore + slack,
                    "direct memory back to " + directBefore + " bytes (+ " + slack + ")");
            LongRuns.report("direct memory in use: " + directBefore + " bytes before, " + directAfter[0] + " after");
        } finally {
            otherServer.shutdown(Duration.ofSeconds(1));
            echo.shutdown();
        }
    }

    private static Client connect(int port, String fingerprint) {
        return Client.builder()
                .address("127.0.0.1", port)
                .trust(TrustPolicy.pinned(fingerprint))
                .connect();
    }

    /** Runs each blocking call on a thread of its own; each future holds what ended it. */
    private static Map<String, CompletableFuture<Throwable>> runEach(Map<String, Executable> calls) {
        Map<String, CompletableFuture<Throwable>> ended = new java.util.LinkedHashMap<>();
        calls.forEach((name, blocking) -> {
            CompletableFuture<Throwable> end = new CompletableFuture<>();
            Thread caller = new Thread(
                    () -> {
                        try {
                            blocking.execute();
                            end.complete(new AssertionError("returned normally"));
                        } catch (ExecutionException e) {
                            end.complete(e.getCause());
                        } catch (Throwable t) {
                            end.complete(t);
                        }
                    },
                    "stuck " + name);
            caller.setDaemon(true);
            caller.start();
            ended.put(name, end);
        });
        return ended;
    }

    private static long unresponsiveLosses(RecordingWireTap tap) {
        return tap.events(e -> e.type() == WireEvent.Type.CONNECTION_LOST && e.code() == ErrorCode.UNRESPONSIVE.value())
                .size();
    }

    /** Threads with a frame of {@code type} on their stack. */
    private static long threadsIn(Class<?> type) {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> java.util.Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().startsWith(type.getName())))
                .count();
    }

    private static long usedDirectMemory() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
                ? metrics.metric().usedDirectMemory()
                : 0;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The stacks of the threads with a frame of {@code type}, from that frame up. */
    private static List<String> stacksIn(Class<?> type) {
        List<String> stacks = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().startsWith(type.getName())) {
                    stacks.add(thread.getName() + " " + List.of(stack).subList(0, i + 1));
                    return;
                }
            }
        });
        return stacks;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + BOUND_SECONDS + " s waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
