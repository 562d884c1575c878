package io.quicidl.runtime.transport;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every {@value #SWEEP_MILLIS} ms, while a connection has call streams whose receive half is
 * open, looks after the FINs quiche can strand under loss ({@link QuicheStreamState}): delivers a
 * peer's FIN quiche holds without reporting it, once two looks in a row found it so (a FIN being
 * read right now is never mistaken for one); and while the peer has not ended its half after our
 * FIN, on a connection that lost packets since the stream began, writes our FIN again after
 * 100 ms, backing off to every 1.6 s. Event loop confined. No timer per stream: a stream is added
 * once and dropped by the first look after its receive half ended.
 */
final class StrandedFinSweep {
    static final long SWEEP_MILLIS = 100;
    private static final int MAX_RESEND_INTERVAL_SWEEPS = 16;

    private final QuicChannel channel;
    private List<Watch> watched = new ArrayList<>();
    private List<Watch> spare = new ArrayList<>();
    private boolean scheduled;
    /** The connection's count of lost packets at the last look. */
    private long lostPackets;

    StrandedFinSweep(QuicChannel channel) {
        this.channel = channel;
    }

    /** Event loop: watches a port whose stream has a receive half. */
    void watch(NettyStreamPort port) {
        if (!QuicheStreamState.available()) {
            return;
        }
        watched.add(new Watch(port, lostPackets));
        if (!scheduled) {
            scheduled = true;
            channel.eventLoop().schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        if (channel.isOpen()) {
            QuicConnectionStats stats = channel.collectStats().getNow();
            if (stats != null) {
                lostPackets = stats.lost();
            }
        }
        List<Watch> looked = watched;
        watched = spare;
        for (Watch watch : looked) {
            if (watch.look(lostPackets)) {
                watched.add(watch);
            }
        }
        looked.clear();
        spare = looked;
        scheduled = !watched.isEmpty();
        if (scheduled) {
            channel.eventLoop().schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** One stream's watch. */
    private static final class Watch {
        private final NettyStreamPort port;
        /** The connection's lost packets when the stream began: more since then may have stranded our FIN. */
        private final long lostPacketsAtStart;
        /** The last look found the peer's FIN stranded. */
        private boolean finStrandedOnce;
        /** Looks since our FIN was written and loss was seen, and the look that writes it again (1, 2, 4 … 16, 32, 48 …). */
        private int looksSinceFin;

        private int nextFinResend = 1;

        Watch(NettyStreamPort port, long lostPacketsAtStart) {
            this.port = port;
            this.lostPacketsAtStart = lostPacketsAtStart;
        }

        /** Returns whether the stream still needs watching. */
        boolean look(long lostPackets) {
            if (!port.receiveOpen()) {
                return false;
            }
            if (port.finishedByUs() && lostPackets > lostPacketsAtStart && ++looksSinceFin == nextFinResend) {
                nextFinResend += Math.min(nextFinResend, MAX_RESEND_INTERVAL_SWEEPS);
                QuicheStreamState.resendFin(port.channel().parent(), port.streamId());
            }
            if (!QuicheStreamState.finStranded(port.channel())) {
                finStrandedOnce = false;
                return true;
            }
            if (!finStrandedOnce) {
                finStrandedOnce = true;
                return true;
            }
            port.deliverStrandedFin();
            return false;
        }
    }
}
