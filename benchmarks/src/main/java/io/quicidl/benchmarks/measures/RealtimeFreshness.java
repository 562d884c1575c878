package io.quicidl.benchmarks.measures;

import com.google.protobuf.ByteString;
import io.quicidl.benchmarks.Comparison;
import io.quicidl.benchmarks.Comparison.Better;
import io.quicidl.benchmarks.Comparison.Sample;
import io.quicidl.benchmarks.Measure;
import io.quicidl.benchmarks.SuiteSettings;
import io.quicidl.benchmarks.charts.ChartSeries;
import io.quicidl.benchmarks.charts.ChartSpec;
import io.quicidl.benchmarks.quicidl.BenchClient;
import io.quicidl.benchmarks.quicidl.Frame;
import io.quicidl.benchmarks.quicidl.FrameAck;
import io.quicidl.benchmarks.relay.LossyUdpRelay;
import io.quicidl.benchmarks.relay.RelayConditions;
import io.quicidl.benchmarks.relay.RelayedBenchServer;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.RealtimeSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Measure 6: freshness of a live feed over a bottleneck. A source captures an 8 KiB frame every
 * millisecond (about 8 MB/s) and the client sends the newest captured frame whenever it can,
 * through a relay whose client-to-server direction passes only {@value #RATE_BYTES_PER_SECOND}
 * bytes/s with a small tail-drop queue. The same feed goes once over {@code @realtime} (a stream
 * per frame; newer frames supersede older ones) and once over {@code @duplex} (one ordered,
 * reliable stream, acknowledged frame by frame), and once over {@code @realtime(delivery =
 * datagram)} with 1 KiB frames every 125 µs (a frame must fit in one QUIC DATAGRAM). The server stamps each delivered frame's age
 * (now minus its capture time; one JVM, one clock). Reports, over the steady state (after the
 * first quarter of the feed): the median and p99 age of delivered frames, and the time-averaged age
 * of the newest frame the server holds (how stale a display of the feed would be); then the age of
 * the last frame at its delivery and the fraction of captured frames delivered.
 */
public final class RealtimeFreshness implements Measure {
    private static final int FRAME_BYTES = 8 << 10;
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The datagram row: a frame must fit in one QUIC DATAGRAM, so 1 KiB every 125 µs, the same
     * 8 MB/s offered to the same bottleneck.
     */
    private static final int DATAGRAM_FRAME_BYTES = 1 << 10;

    private static final long DATAGRAM_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(125);

    /** The three ways the feed travels. */
    private enum Feed {
        REALTIME_STREAMS,
        REALTIME_DATAGRAMS,
        DUPLEX;

        long intervalNanos() {
            return this == REALTIME_DATAGRAMS ? DATAGRAM_INTERVAL_NANOS : FRAME_INTERVAL_NANOS;
        }
    }

    static final long RATE_BYTES_PER_SECOND = 4_000_000;
    static final RelayConditions UPLINK = RelayConditions.PERFECT.withRateLimit(RATE_BYTES_PER_SECOND, 64 << 10);
    /** {@code -Dbench.verbose=true} prints sends that blocked and each feed's figures. */
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");
    /** How long the feed's tail may take to arrive after the last frame is sent. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** The age of every delivered frame over the feed, one line per delivery. */
    static final ChartSpec AGE_CHART = ChartSpec.linear(
            "m6-frame-age",
            "Measure 6: age of each delivered frame over a 4 MB/s bottleneck (8 MB/s offered)",
            "time since the feed started (s)",
            "frame age at delivery (ms)");

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String id() {
        return "realtime";
    }

    @Override
    public List<Comparison> run(SuiteSettings settings) throws Exception {
        Duration feed = Duration.ofMillis(settings.pick(6_000, 1_500));
        ByteString pixels = randomPixels(FRAME_BYTES);
        ByteString smallPixels = randomPixels(DATAGRAM_FRAME_BYTES);
        FeedRecorder.Result realtime;
        FeedRecorder.Result datagrams;
        FeedRecorder.Result duplex;
        ForwardingListener listener = new ForwardingListener();
        try (RelayedBenchServer server = new RelayedBenchServer(listener, UPLINK, RelayConditions.PERFECT, 6)) {
            // A short untimed feed of each kind: class loading and JIT would otherwise land on the first one.
            runFeed(server, listener, Feed.REALTIME_STREAMS, Duration.ofMillis(200), pixels);
            runFeed(server, listener, Feed.REALTIME_DATAGRAMS, Duration.ofMillis(200), smallPixels);
            runFeed(server, listener, Feed.DUPLEX, Duration.ofMillis(200), pixels);
            realtime = runFeed(server, listener, Feed.REALTIME_STREAMS, feed, pixels);
            datagrams = runFeed(server, listener, Feed.REALTIME_DATAGRAMS, feed, smallPixels);
            duplex = runFeed(server, listener, Feed.DUPLEX, feed, pixels);
        }
        settings.charts().add(AGE_CHART, realtime.ages("@realtime"));
        settings.charts().add(AGE_CHART, datagrams.ages("@realtime datagram (1 KiB every 125 µs)"));
        settings.charts().add(AGE_CHART, duplex.ages("@duplex"));
        String note = String.format(
                Locale.ROOT,
                "%d KiB frame every %d ms for %.1f s (%.1f MB/s) through a bottleneck of %s; steady state = after "
                        + "the first quarter; delivered: @realtime %.0f%% of %d frames (%,d sent), @duplex %.0f%% "
                        + "(%,d sent); @realtime datagram: %d-byte frames every %d µs (same rate), %.0f%% of %,d "
                        + "delivered (%,d sent)",
                FRAME_BYTES >> 10,
                TimeUnit.NANOSECONDS.toMillis(FRAME_INTERVAL_NANOS),
                feed.toMillis() / 1e3,
                FRAME_BYTES * 1e9 / FRAME_INTERVAL_NANOS / 1e6,
                UPLINK.describe(),
                100 * realtime.deliveredFraction(),
                realtime.captured(),
                realtime.sent(),
                100 * duplex.deliveredFraction(),
                duplex.sent(),
                DATAGRAM_FRAME_BYTES,
                TimeUnit.NANOSECONDS.toMicros(DATAGRAM_INTERVAL_NANOS),
                100 * datagrams.deliveredFraction(),
                datagrams.captured(),
                datagrams.sent());
        return List.of(
                comparison(
                        "delivered frame age p50 (steady state)",
                        realtime.medianMillis(),
                        datagrams.medianMillis(),
                        duplex.medianMillis(),
                        note),
                comparison(
                        "delivered frame age p99 (steady state)",
                        realtime.p99Millis(),
                        datagrams.p99Millis(),
                        duplex.p99Millis(),
                        note),
                comparison(
                        "age of the newest frame held, time average (steady state)",
                        realtime.meanStalenessMillis(),
                        datagrams.meanStalenessMillis(),
                        duplex.meanStalenessMillis(),
                        note),
                comparison(
                        "age of the last frame at delivery",
                        realtime.lastAgeMillis(),
                        datagrams.lastAgeMillis(),
                        duplex.lastAgeMillis(),
                        note),
                new Comparison(
                        "6. realtime feed over a 4 MB/s bottleneck",
                        "frames delivered",
                        "%",
                        Better.HIGHER,
                        new Sample("@realtime", 100 * realtime.deliveredFraction()),
                        List.of(
                                new Sample("@realtime datagram", 100 * datagrams.deliveredFraction()),
                                new Sample("@duplex", 100 * duplex.deliveredFraction())),
                        "fewer is by design for @realtime: stale frames are dropped, not delivered late"));
    }

    private static Comparison comparison(String metric, double realtime, double datagrams, double duplex, String note) {
        return new Comparison(
                "6. realtime feed over a 4 MB/s bottleneck",
                metric,
                "ms",
                Better.LOWER,
                new Sample("@realtime", realtime),
                List.of(new Sample("@realtime datagram", datagrams), new Sample("@duplex", duplex)),
                note);
    }

    /** Runs one feed on a fresh connection and relay and returns what the server saw. */
    private static FeedRecorder.Result runFeed(
            RelayedBenchServer server, ForwardingListener listener, Feed kind, Duration length, ByteString pixels)
            throws InterruptedException {
        long captured = length.toNanos() / kind.intervalNanos();
        long sent;
        FeedRecorder recorder;
        try (RelayedBenchServer.RelayedClient connection = server.connect()) {
            BenchClient bench = new BenchClient(connection.client());
            long start = System.nanoTime();
            recorder = new FeedRecorder(start, start + length.toNanos() / 4, start + length.toNanos());
            listener.target = recorder;
            sent = switch (kind) {
                case REALTIME_STREAMS -> feedRealtime(bench.frames(), start, captured, pixels, recorder, kind);
                case REALTIME_DATAGRAMS ->
                    feedRealtime(bench.framesDatagram(), start, captured, pixels, recorder, kind);
                case DUPLEX -> feedDuplex(bench, start, captured, pixels, recorder);
            };
            if (VERBOSE) {
                LossyUdpRelay.Counters uplink = connection.relay().counters(LossyUdpRelay.Direction.TO_SERVER);
                System.out.printf(
                        "   %s: uplink %s; client %s%n",
                        kind, uplink, connection.client().stats());
            }
        } finally {
            listener.target = null;
        }
        FeedRecorder.Result result = recorder.result(captured, sent);
        if (VERBOSE) {
            System.out.printf("   %s: %s%n", kind, result);
        }
        return result;
    }

    private static long feedRealtime(
            RealtimeSink<Frame> sink, long start, long captured, ByteString pixels, FeedRecorder recorder, Feed kind)
            throws InterruptedException {
        long sent = feed(start, captured, pixels, sink::send, kind.intervalNanos());
        sink.complete();
        recorder.awaitQuiet(DRAIN);
        return sent;
    }

    private static long feedDuplex(
            BenchClient bench, long start, long captured, ByteString pixels, FeedRecorder recorder)
            throws InterruptedException {
        AtomicLong acks = new AtomicLong();
        try (DuplexCall<Frame, FrameAck> call = bench.framesOrdered()) {
            Thread reader = new Thread(
                    () -> {
                        for (FrameAck ack : call) {
                            acks.set(ack.sequence());
                        }
                    },
                    "realtime-measure-acks");
            reader.setDaemon(true);
            reader.start();
            long sent = feed(start, captured, pixels, call::send, FRAME_INTERVAL_NANOS);
            call.complete();
            reader.join(DRAIN.toMillis());
            if (reader.isAlive()) {
                call.cancel();
                throw new IllegalStateException("@duplex feed did not drain within " + DRAIN);
            }
            return sent;
        }
    }

    /**
     * The live source: frame {@code i} is captured at {@code start + i × interval}; whenever the
     * sender is free it sends the newest frame captured so far (a live source has no use for the
     * ones it could not send in time). Returns how many frames were sent.
     */
    private static long feed(long start, long captured, ByteString pixels, Consumer<Frame> send, long intervalNanos) {
        long sent = 0;
        long next = 0;
        while (next < captured) {
            long now = System.nanoTime();
            long newest = Math.min(captured - 1, (now - start) / intervalNanos);
            if (newest < next) {
                LockSupport.parkNanos(start + next * intervalNanos - now);
                continue;
            }
            Frame frame = Frame.newBuilder()
                    .sequence(newest)
                    .sentNanos(start + newest * intervalNanos)
                    .pixels(pixels)
                    .build();
            long sending = System.nanoTime();
            send.accept(frame);
            long blocked = System.nanoTime() - sending;
            if (VERBOSE && blocked > TimeUnit.MILLISECONDS.toNanos(5)) {
                System.out.printf("   frame %d: send blocked %.1f ms%n", newest, blocked / 1e6);
            }
            sent++;
            next = newest + 1;
        }
        return sent;
    }

    private static ByteString randomPixels(int bytes) {
        byte[] pixels = new byte[bytes];
        new Random(6).nextBytes(pixels);
        return ByteString.copyFrom(pixels);
    }

    /** The server's frame listener, pointed at the recorder of the feed running now. */
    private static final class ForwardingListener implements Consumer<Frame> {
        volatile FeedRecorder target;

        @Override
        public void accept(Frame frame) {
            FeedRecorder recorder = target;
            if (recorder != null) {
                recorder.delivered(frame, System.nanoTime());
            }
        }
    }

    /**
     * What the server saw of one feed: every delivered frame's age, and how stale the newest frame
     * it holds is over time. Called from handler threads.
     */
    static final class FeedRecorder {
        private final Histogram steadyAgesMicros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        private final long startNanos;
        private final long steadyFromNanos;
        private final long steadyUntilNanos;
        private long delivered;
        private long newestSequence = -1;
        private long newestSentNanos;
        private long newestAgeNanos;
        private long lastDeliveryNanos = System.nanoTime();
        /** Every delivery as (time, age), both in ns: the chart's line. */
        private final List<long[]> ages = new ArrayList<>();
        /** The integral of the newest frame's age over the steady state, and the time it covers. */
        private double stalenessIntegral;

        private long stalenessSpanNanos;
        private long stalenessIntegratedTo;

        /** Records the steady state from {@code steadyFromNanos} to {@code steadyUntilNanos} (the feed's end). */
        FeedRecorder(long steadyFromNanos, long steadyUntilNanos) {
            this(steadyFromNanos, steadyFromNanos, steadyUntilNanos);
        }

        /** The same for a feed that started at {@code startNanos}, where the chart's time axis starts. */
        FeedRecorder(long startNanos, long steadyFromNanos, long steadyUntilNanos) {
            this.startNanos = startNanos;
            this.steadyFromNanos = steadyFromNanos;
            this.steadyUntilNanos = steadyUntilNanos;
            this.stalenessIntegratedTo = steadyFromNanos;
        }

        synchronized void delivered(Frame frame, long now) {
            long age = now - frame.sentNanos();
            delivered++;
            lastDeliveryNanos = now;
            ages.add(new long[] {now, age});
            if (frame.sequence() > newestSequence) {
                integrateStalenessTo(now);
                newestSequence = frame.sequence();
                newestSentNanos = frame.sentNanos();
                newestAgeNanos = age;
            }
            if (frame.sentNanos() >= steadyFromNanos) {
                steadyAgesMicros.recordValue(Math.min(
                        steadyAgesMicros.getHighestTrackableValue(), Math.max(0, TimeUnit.NANOSECONDS.toMicros(age))));
            }
        }

        /**
         * Adds the newest frame's age, which grows linearly until a newer frame arrives, from the
         * last point integrated to {@code time}, within the steady state.
         */
        private void integrateStalenessTo(long time) {
            long from = Math.max(stalenessIntegratedTo, steadyFromNanos);
            long to = Math.min(time, steadyUntilNanos);
            if (newestSequence >= 0 && to > from) {
                double ageFrom = from - newestSentNanos;
                double ageTo = to - newestSentNanos;
                stalenessIntegral += (ageTo * ageTo - ageFrom * ageFrom) / 2;
                stalenessSpanNanos += to - from;
            }
            stalenessIntegratedTo = Math.max(stalenessIntegratedTo, time);
        }

        /** Waits until no frame has arrived for a moment (or {@code limit} passed): the feed's tail is in. */
        void awaitQuiet(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (System.nanoTime() - lastDeliveryNanos > TimeUnit.MILLISECONDS.toNanos(300)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }

        synchronized Result result(long captured, long sent) {
            integrateStalenessTo(steadyUntilNanos);
            boolean any = steadyAgesMicros.getTotalCount() > 0;
            return new Result(
                    captured,
                    sent,
                    delivered,
                    any ? steadyAgesMicros.getValueAtPercentile(50) / 1e3 : Double.NaN,
                    any ? steadyAgesMicros.getValueAtPercentile(99) / 1e3 : Double.NaN,
                    stalenessSpanNanos > 0 ? stalenessIntegral / stalenessSpanNanos / 1e6 : Double.NaN,
                    newestSequence < 0 ? Double.NaN : newestAgeNanos / 1e6,
                    ages.stream()
                            .mapToDouble(point -> (point[0] - startNanos) / 1e9)
                            .toArray(),
                    ages.stream().mapToDouble(point -> point[1] / 1e6).toArray());
        }

        /** One feed's figures. */
        record Result(
                long captured,
                long sent,
                long delivered,
                double medianMillis,
                double p99Millis,
                double meanStalenessMillis,
                double lastAgeMillis,
                double[] deliverySeconds,
                double[] ageMillis) {
            /** Every delivered frame's age (ms) over time since the feed started (s), as the line {@code delivery}. */
            ChartSeries ages(String delivery) {
                return new ChartSeries(delivery, deliverySeconds, ageMillis);
            }

            double deliveredFraction() {
                return captured == 0 ? 0 : delivered / (double) captured;
            }
        }
    }

    /** Runs the measure alone (for tuning). */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        new RealtimeFreshness().run(new SuiteSettings(quick)).forEach(System.out::println);
        System.exit(0);
    }
}
