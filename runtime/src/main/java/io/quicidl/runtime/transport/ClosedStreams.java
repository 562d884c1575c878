package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Finishes what Netty QUIC leaves undone when one of a connection's stream channels closes, so
 * that quiche frees the stream and returns its credit to the peer (MAX_STREAMS).
 *
 * <p>Two gaps, both seen under a rapid-reset attack, where a connection stopped getting stream
 * credit after a few hundred cancelled calls:
 *
 * <ul>
 *   <li>quiche frees a stream the peer stopped (STOP_SENDING) only once the application asks for
 *       the stream's capacity or writes to it. Netty asks only for streams whose channel is
 *       still in its table; a channel that closed after reading the peer's FIN has left it. A
 *       STOP_SENDING arriving after that, while our last data still waits for its
 *       acknowledgement, leaves the stream allocated for the rest of the connection.
 *   <li>A channel that closes after the peer reset its receive half stays in Netty's table until
 *       the connection closes (Netty removes only channels that read a FIN): one dead channel
 *       per cancelled call.
 * </ul>
 *
 * So every closed stream is removed from Netty's table at once and asked for its capacity
 * {@value #FIRST_LOOK_MILLIS} ms later, by when the peer has usually acknowledged our last frames
 * (a cancelled call's RESET_STREAM): quiche frees a stopped stream then, and answers "no such
 * stream" for one already freed. A stream still alive (our FIN not yet acknowledged) is asked
 * again on each sweep, once a second while any is waiting. With only the sweep, a client that
 * cancelled calls got its credit back once a second: about one stream limit of new streams per
 * second per connection (230 streams/s over 3 connections in the long rapid-reset run).
 *
 * <p>For a unidirectional stream of ours (a {@code @notifications} call), whose channel closes
 * as soon as its FIN is written, the FIN is written again on each of the first
 * {@value #FIN_RESENDS} sweeps that find the stream alive, since quiche can strand a FIN under
 * loss ({@link QuicheStreamState#resendFin}; for a stream still open, {@link StrandedFinSweep}
 * does it). The two package-private methods of Netty's QUIC channel are reached once, as in {@link CoalescedSends}; where they cannot be (a
 * different Netty version, the module path) this does nothing and the gaps remain.
 *
 * <p>Confined to the connection's event loop.
 */
final class ClosedStreams {
    private static final System.Logger LOG = System.getLogger(ClosedStreams.class.getName());
    private static final long SWEEP_SECONDS = 1;
    /** How long after its close a stream is first asked about: the peer acknowledges our last frames within about an RTT. */
    static final long FIRST_LOOK_MILLIS = 50;
    /** First looks a stopped stream gets before it is left to the sweep (our reset still unacknowledged). */
    private static final int FIRST_LOOKS = 10;
    /** How many sweeps write the FIN of a closed stream again while quiche still holds the stream. */
    static final int FIN_RESENDS = 3;

    private static final MethodHandle REMOVE_FROM_TABLE;
    private static final MethodHandle CAPACITY;
    /** quiche's answer for a stream it no longer holds (QUICHE_ERR_INVALID_STREAM_STATE). */
    private static final long NO_SUCH_STREAM;

    static {
        MethodHandle remove = null;
        MethodHandle capacity = null;
        long noSuchStream = 0;
        try {
            Class<?> quicheChannel = Class.forName("io.netty.handler.codec.quic.QuicheQuicChannel");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(quicheChannel, MethodHandles.lookup());
            remove = lookup.findVirtual(quicheChannel, "streamClosed", MethodType.methodType(void.class, long.class))
                    .asType(MethodType.methodType(void.class, QuicChannel.class, long.class));
            capacity = lookup.findVirtual(
                            quicheChannel, "streamCapacity", MethodType.methodType(long.class, long.class))
                    .asType(MethodType.methodType(long.class, QuicChannel.class, long.class));
            Class<?> quiche = Class.forName("io.netty.handler.codec.quic.Quiche");
            noSuchStream = (int) MethodHandles.privateLookupIn(quiche, MethodHandles.lookup())
                    .findStaticGetter(quiche, "QUICHE_ERR_INVALID_STREAM_STATE", int.class)
                    .invoke();
        } catch (Throwable e) {
            remove = null;
            capacity = null;
            LOG.log(
                    Level.DEBUG,
                    "Netty QUIC's stream table is not reachable: stopped streams may keep their credit",
                    e);
        }
        REMOVE_FROM_TABLE = remove;
        CAPACITY = capacity;
        NO_SUCH_STREAM = noSuchStream;
    }

    private final QuicChannel channel;
    /** Streams to ask on the next sweep. */
    private long[] waiting = new long[16];
    /** Per waiting stream: how many more times its FIN is written again (0: not ours to finish). */
    private int[] finResendsLeft = new int[16];

    private int waitingCount;
    private boolean sweepScheduled;
    /**
     * Streams closed since the last first look (or stopped and not yet freed at it), whether each
     * has its FIN written again, and how many more first looks each gets before the sweep.
     */
    private long[] justClosed = new long[16];

    private boolean[] justClosedResendFin = new boolean[16];
    private int[] firstLooksLeft = new int[16];
    private int justClosedCount;
    private boolean firstLookScheduled;

    ClosedStreams(QuicChannel channel) {
        this.channel = channel;
    }

    /** Whether the Netty methods this needs were found on this class path. */
    static boolean available() {
        return CAPACITY != null;
    }

    /** Event loop: the channel of {@code streamId} has been closed; {@code resendFin}: write its FIN again while alive. */
    void closed(long streamId, boolean resendFin) {
        if (CAPACITY == null || !channel.isActive()) {
            return;
        }
        removeFromTable(streamId);
        if (justClosedCount == justClosed.length) {
            justClosed = Arrays.copyOf(justClosed, justClosedCount * 2);
            justClosedResendFin = Arrays.copyOf(justClosedResendFin, justClosedCount * 2);
            firstLooksLeft = Arrays.copyOf(firstLooksLeft, justClosedCount * 2);
        }
        justClosedResendFin[justClosedCount] = resendFin;
        firstLooksLeft[justClosedCount] = FIRST_LOOKS;
        justClosed[justClosedCount++] = streamId;
        scheduleFirstLook();
    }

    private void scheduleFirstLook() {
        if (!firstLookScheduled) {
            firstLookScheduled = true;
            // Inside Netty's send bracket: a stream quiche frees now may raise the peer's stream
            // limit, and the MAX_STREAMS must leave now, not with whatever packet comes next.
            channel.eventLoop()
                    .schedule(
                            () -> CoalescedSends.run(channel, this::firstLook),
                            FIRST_LOOK_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks quiche about each stream closed since the last look: that frees a stopped one whose
     * reset was acknowledged. One stopped but not yet freed is looked at again soon, a few times;
     * live ones (our FIN unacknowledged) go to the sweep.
     */
    private void firstLook() {
        firstLookScheduled = false;
        if (!channel.isActive()) {
            justClosedCount = 0;
            return;
        }
        int lookAgain = 0;
        for (int i = 0; i < justClosedCount; i++) {
            long streamId = justClosed[i];
            long capacity = capacity(streamId);
            if (capacity == NO_SUCH_STREAM) {
                continue;
            }
            if (capacity < 0 && firstLooksLeft[i] > 1) {
                justClosed[lookAgain] = streamId;
                justClosedResendFin[lookAgain] = justClosedResendFin[i];
                firstLooksLeft[lookAgain++] = firstLooksLeft[i] - 1;
            } else {
                awaitSweep(streamId, justClosedResendFin[i]);
            }
        }
        justClosedCount = lookAgain;
        if (lookAgain > 0) {
            scheduleFirstLook();
        }
    }

    private void awaitSweep(long streamId, boolean resendFin) {
        if (waitingCount == waiting.length) {
            waiting = Arrays.copyOf(waiting, waitingCount * 2);
            finResendsLeft = Arrays.copyOf(finResendsLeft, waitingCount * 2);
        }
        finResendsLeft[waitingCount] = resendFin ? FIN_RESENDS : 0;
        waiting[waitingCount++] = streamId;
        if (!sweepScheduled) {
            sweepScheduled = true;
            channel.eventLoop()
                    .schedule(() -> CoalescedSends.run(channel, this::sweep), SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Asks quiche about each waiting stream: that frees a stopped one; live ones wait again. */
    private void sweep() {
        sweepScheduled = false;
        if (!channel.isActive()) {
            waitingCount = 0;
            return;
        }
        int alive = 0;
        for (int i = 0; i < waitingCount; i++) {
            long streamId = waiting[i];
            long capacity = capacity(streamId);
            if (capacity == NO_SUCH_STREAM) {
                continue; // freed
            }
            // Alive (our FIN unacknowledged), or stopped and freed only once complete: ask again.
            int resendsLeft = finResendsLeft[i];
            if (capacity >= 0 && resendsLeft > 0) {
                QuicheStreamState.resendFin(channel, streamId);
                resendsLeft--;
            }
            finResendsLeft[alive] = resendsLeft;
            waiting[alive++] = streamId;
        }
        waitingCount = alive;
        if (alive > 0) {
            sweepScheduled = true;
            channel.eventLoop()
                    .schedule(() -> CoalescedSends.run(channel, this::sweep), SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * quiche's capacity of a stream, or a negative error: {@link #NO_SUCH_STREAM} once freed,
     * another (stopped) for a stream the peer stopped, which quiche frees during this call if
     * both halves are complete.
     */
    private long capacity(long streamId) {
        try {
            return (long) CAPACITY.invokeExact(channel, streamId);
        } catch (Throwable e) {
            throw new IllegalStateException("Netty QUIC's stream capacity failed for stream " + streamId, e);
        }
    }

    private void removeFromTable(long streamId) {
        try {
            REMOVE_FROM_TABLE.invokeExact(channel, streamId);
        } catch (Throwable e) {
            throw new IllegalStateException("Netty QUIC's stream table failed for stream " + streamId, e);
        }
    }
}
