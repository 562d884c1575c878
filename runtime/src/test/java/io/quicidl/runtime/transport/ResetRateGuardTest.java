package io.quicidl.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rapid-reset guard's counting, on a fake clock and fake streams (SPEC.md §7.3). */
class ResetRateGuardTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<String> abuse = new ArrayList<>();
    private final ResetRateGuard guard = new ResetRateGuard(now::get, ResetRateGuard.DEFAULT_MAX_CANCELLED, abuse::add);
    private long nextStream;

    /** A call accepted and then cancelled by the client with {@code code}, through a reset or a stop. */
    private void cancelledCall(ErrorCode code, boolean reset) {
        guard.accepted(nextStream);
        StreamListener listener = guard.watch(nextStream, new Ignoring());
        if (reset) {
            listener.onReceiveAborted(code, true, "");
        } else {
            listener.onStopped(code, null, "");
        }
        guard.released(nextStream);
        nextStream += 4;
    }

    private void completedCall() {
        guard.accepted(nextStream);
        StreamListener listener = guard.watch(nextStream, new Ignoring());
        listener.onFin();
        guard.released(nextStream);
        nextStream += 4;
    }

    @Test
    void openAndResetFloodIsAbuseOnce() {
        for (int i = 0; i < ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            cancelledCall(ErrorCode.CANCELLED, i % 2 == 0);
        }
        assertTrue(abuse.isEmpty(), "at the limit, not over it");
        cancelledCall(ErrorCode.CANCELLED, true);
        assertEquals(1, abuse.size(), abuse.toString());
        assertTrue(abuse.get(0).contains("1001 cancelled"), abuse.get(0));
        for (int i = 0; i < 5_000; i++) {
            guard.resetBeforeFirstFrame();
        }
        assertEquals(1, abuse.size(), "told once");
    }

    @Test
    void aClientCancellingManyButCompletingSomeIsNotAbuse() {
        // A UI cancelling nine searches of every ten as the user types: 9,000 cancellations in the window.
        for (int i = 0; i < 9_000; i++) {
            cancelledCall(ErrorCode.CANCELLED, true);
            if (i % 9 == 0) {
                completedCall();
            }
        }
        assertTrue(abuse.isEmpty(), abuse.toString());
    }

    @Test
    void cancellationsSpreadBeyondTheWindowAreNotAbuse() {
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < ResetRateGuard.DEFAULT_MAX_CANCELLED / ResetRateGuard.BUCKETS; i++) {
                guard.resetBeforeFirstFrame();
            }
            now.addAndGet(SECOND);
        }
        assertTrue(abuse.isEmpty(), abuse.toString());
    }

    @Test
    void staleAndNoErrorAndLateAbortsAreNotCancellations() {
        for (int i = 0; i < 3 * ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            cancelledCall(i % 2 == 0 ? ErrorCode.STALE : ErrorCode.NO_ERROR, i % 3 == 0);
            // An abort after the server let go of the stream: the call had its outcome.
            guard.accepted(nextStream);
            StreamListener listener = guard.watch(nextStream, new Ignoring());
            guard.released(nextStream);
            listener.onReceiveAborted(ErrorCode.CANCELLED, true, "");
            nextStream += 4;
        }
        assertTrue(abuse.isEmpty(), abuse.toString());
    }

    @Test
    void refusedCallsAreNoCompletions() {
        // An attacker over its handler share: most of its calls are refused, the rest cancelled.
        for (int i = 0; i < 2 * ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            guard.accepted(nextStream);
            guard.refused();
            guard.released(nextStream);
            nextStream += 4;
            cancelledCall(ErrorCode.CANCELLED, true);
        }
        assertEquals(1, abuse.size(), abuse.toString());
    }

    @Test
    void aStreamReleasedWhileItsCallStartsIsForgotten() {
        guard.accepted(0);
        guard.released(0); // e.g. an unknown method, answered at once
        guard.watch(0, new Ignoring()).onReceiveAborted(ErrorCode.CANCELLED, true, "");
        for (int i = 0; i < ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            guard.resetBeforeFirstFrame();
        }
        assertTrue(abuse.isEmpty(), "the late reset did not count: " + abuse);
    }

    @Test
    void aLimitOfZeroTurnsTheGuardOff() {
        ResetRateGuard off = new ResetRateGuard(now::get, 0, abuse::add);
        for (int i = 0; i < 10 * ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            off.resetBeforeFirstFrame();
        }
        assertTrue(abuse.isEmpty(), abuse.toString());
    }

    @Test
    void aFrameErrorIsNotACancellation() {
        for (int i = 0; i < 3 * ResetRateGuard.DEFAULT_MAX_CANCELLED; i++) {
            guard.accepted(nextStream);
            guard.watch(nextStream, new Ignoring()).onReceiveAborted(ErrorCode.PROTOCOL_ERROR, false, "");
            guard.released(nextStream);
            nextStream += 4;
        }
        assertTrue(abuse.isEmpty(), abuse.toString());
    }

    private static final class Ignoring implements StreamListener {
        @Override
        public void onFrame(Frame frame) {}

        @Override
        public void onFin() {}

        @Override
        public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {}

        @Override
        public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

        @Override
        public void onWritable() {}

        @Override
        public void onConnectionLost(StatusCode code, String description) {}
    }
}
